export function mainHelp(): string {
  return `compatlint: lint documentation tables as data

Usage:
  compatlint [check] [paths...]   check pages (default: every *.md here, honouring .gitignore)
  compatlint extract [paths...]   print page models as JSON
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
      --color, --no-color force colors on or off (NO_COLOR is honoured)
  -h, --help              show this help
`;
}

export function extractHelp(): string {
  return `Usage: compatlint extract [options] [paths...]

Print the page model of each page (front matter, headings, tables with every
cell's raw text, plain text, normalized value and position, links, references,
shortcodes) as JSON.

Options:
  -c, --config FILE       config file
      --preset NAME       start from a built-in preset (repeatable)
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
