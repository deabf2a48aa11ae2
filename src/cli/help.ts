export function mainHelp(): string {
  return `compatlint: lint documentation tables as data

Usage:
  compatlint [check] [paths...]   check pages (default: every *.md here, honouring .gitignore)
  compatlint extract [paths...]   print facts (or page models) as JSON
  compatlint diff --base REF [--head REF] [paths...]
  compatlint diff OLD NEW         compatibility facts that changed between two revisions
  compatlint rules [rule-id]      list rules, or show one rule's documentation

Run \`compatlint <command> --help\` for a command's options.

Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings),
            2 usage, config or internal error.
`;
}

export function checkHelp(): string {
  return `Usage: compatlint check [options] [paths...]

Paths may be files, directories or globs. With none, the config's \`include\`
(default **/*.md) is checked under the working directory; .gitignore is honoured.

Options:
  -c, --config FILE       config file (default: nearest compatlint.config.{json,yaml,yml})
      --preset NAME       start from a built-in preset (repeatable)
  -f, --format NAME       stylish (default) or json; repeatable, each may be
                          followed by its own --output
  -o, --output FILE       write the preceding --format's report to FILE (atomically)
      --max-warnings N    exit 1 when there are more than N warnings
      --quiet             report errors only
      --truth-missing     also report facts of the truth files that no page states
      --color, --no-color force colors on or off (NO_COLOR is honoured)
  -h, --help              show this help
      --                  what follows is a path, even if it starts with -

Limits: a page over limits.maxFileBytes (8 MiB) or nested over 100 levels
(blockquotes, lists) is reported as parse-error and not parsed. Symbolic links
are not followed in folders. Ctrl-C removes a report being written.
`;
}

export function extractHelp(): string {
  return `Usage: compatlint extract [options] [paths...]

Print what compatlint reads from each page, as JSON.

Formats:
  json    (default) every table's facts: dimensions, normalized value, raw text
          and position of each cell (schemas/facts.schema.json); tables that no
          table kind recognizes are included with kind "" and generic dimensions
  truth   the facts of source-locale pages as a source-of-truth file
          ({"version": 1, "facts": {"<dimension>=<value>; ...": "<value>"}})
  model   the whole page model (front matter, headings, tables, links, ...)

Options:
  -c, --config FILE       config file
      --preset NAME       start from a built-in preset (repeatable)
  -f, --format NAME       json (default), truth or model
  -o, --output FILE       write to FILE (atomically) instead of standard output
  -h, --help              show this help
`;
}

export function rulesHelp(): string {
  return `Usage: compatlint rules [options] [rule-id]

List every rule with its default severity and description, or show the
documentation of one rule.

Options:
      --format NAME       text (default) or json
  -h, --help              show this help
`;
}

export function diffHelp(): string {
  return `Usage: compatlint diff --base REF [--head REF] [options] [paths...]
       compatlint diff [options] OLD NEW

Report which compatibility facts changed: between two git revisions (head
defaults to the working tree; old files are read from git objects, never
checked out), or between two files or two folders. Tables pair up by kind,
section and header; rows by key. Cosmetic edits (alignment, code spans
around a value, spaces) are no change.

Options:
      --base REF          the older revision
      --head REF          the newer revision (default: the working tree)
  -c, --config FILE       config file
      --preset NAME       start from a built-in preset (repeatable)
  -f, --format NAME       stylish (default), json or markdown; repeatable,
                          each may be followed by its own --output
  -o, --output FILE       write the preceding --format's output to FILE
      --fail-on LEVEL     exit 1 on: breaking, any, or none (default)
      --link-template URL links for markdown, e.g.
                          https://github.com/ORG/REPO/blob/SHA/{file}#L{line}
      --color, --no-color force colors on or off
  -h, --help              show this help
`;
}
