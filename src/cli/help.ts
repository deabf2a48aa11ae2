export function mainHelp(): string {
  return `compatlint: lint documentation tables as data

Usage:
  compatlint [check] [paths...]   check pages (default: every *.md here, honouring .gitignore)
  compatlint extract [paths...]   print facts (or page models) as JSON
  compatlint explain [paths...]   why each table is of a table kind or not, and
                                  the terms no vocabulary knows; facts as TSV
  compatlint diff --base REF [--head REF] [paths...]
  compatlint diff OLD NEW         compatibility facts that changed between two revisions
  compatlint i18n [paths...]      translations against their base: current, stale,
                                  mistranslated, text drift only, without base
  compatlint audit --html FILE [--markdown FILE] [paths...]
                                  whole-tree report: totals, compatibility matrix, drift
  compatlint rules [rule-id]      list rules, or show one rule's documentation
  compatlint baseline [paths...]  record today's findings: check then reports only new ones
  compatlint init [--print]       write a starter config from the tree and its generator's config
  compatlint lsp                  language server for editors, over standard input and
                                  output (docs/editors.md)

Run \`compatlint <command> --help\` for a command's options.

Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings),
            2 usage, config or internal error.
`;
}

export function checkHelp(): string {
  return `Usage: compatlint check [options] [paths...]

Paths may be files, directories or globs; !glob removes pages. With none, the
config's \`include\` (default **/*.md) is checked under the working directory.
A directory selects its .md, .mdx and .markdown pages within \`include\` (.mdx
pages are read as MDX); .gitignore, dot files and node_modules are skipped. A
path that selects no page is exit 2 (--no-error-on-unmatched-pattern allows it).
When rules that compare pages are on, they read the whole \`include\` even when
paths are named, and the report covers the named pages. \`-\` reads one page
from standard input.

Options:
  -c, --config FILE       config file (default: nearest compatlint.config.{json,yaml,yml})
      --stdin-filename FILE
                          with \`-\`: the path of the page on standard input; it is
                          checked in place of that file, with the tree around it
      --print-config FILE print the settings FILE gets (rules after overrides,
                          front matter schema, whether \`include\` selects it)
      --preset NAME       start from a built-in preset (repeatable)
      --no-error-on-unmatched-pattern
                          let a path that selects no page pass
  -f, --format NAME       repeatable, each may be followed by its own --output:
                            stylish  terminal (default)
                            json     the stable report (schemas/report.schema.json)
                            sarif    SARIF 2.1.0, for GitHub code scanning
                            github   GitHub Actions annotations (workflow commands)
                            markdown job summary or pull-request comment
                            junit    JUnit XML, one test case per file
                            gitlab   GitLab code quality report
                            compact  one line per finding: file:line:col: severity message [rule]
  -o, --output FILE       write the preceding --format's report to FILE (atomically)
      --path-prefix DIR   write DIR/ before every file path in reports (a run in a
                          subfolder reporting paths from the repository root)
      --link-template URL markdown links to lines, e.g.
                          https://github.com/ORG/REPO/blob/SHA/{file}#L{line}
      --max-bytes N       longest markdown report, in bytes (default 1000000,
                          GitHub's job summary; 65000 for a pull-request comment);
                          a longer one stops at a whole finding and says so
      --max-warnings N    exit 1 when there are more than N warnings
      --quiet             report errors only
      --truth-missing     also report (as warnings) truth facts that no page states
                          and page rows that no truth record names
      --fix               apply safe fixes and write the pages (atomically; line
                          endings, BOM and file mode kept), then report what is left
      --fix-dry-run       print the fixes as a unified diff (git apply takes it) and
                          write nothing; reports go only to --output files
      --baseline FILE     leave out the findings FILE records (default:
                          .compatlint-baseline.json when it exists)
      --prune-baseline    drop the recorded findings that no longer occur
      --color, --no-color force colors on or off (NO_COLOR is honoured)
      --external-links    also check http(s) links over the network (rule
                          link-external; settings under externalLinks in config)
      --cache             reuse page models from earlier runs; only changed pages
                          are parsed again (models are keyed by content, path,
                          tool version and the settings that shape extraction)
      --cache-location DIR
                          where the cache lives (default .compatlint-cache/);
                          implies --cache
      --threads N         worker threads that parse pages (default: the number
                          of available cores; 1 parses in the main thread)
  -h, --help              show this help
      --                  what follows is a path, even if it starts with -

On a terminal, long runs show a progress line on standard error (not in CI).

Links inside the Hugo site (config \`site\`) are always checked, without the
network: pages, #anchors, partials and images (rules link-page-missing,
link-anchor-missing, partial-missing, image-missing).

Changed files (rules that compare pages still read every page of the config's
include; a finding they make on an untouched page moves to the changed page
it involves):
      --changed[=REF]     report only on pages changed since REF (committed,
                          staged, unstaged or untracked); REF defaults to the
                          merge base with the default branch. Write the REF
                          with "=": "--changed main" reads main as a path
      --staged            report only on pages staged in the index (pre-commit);
                          files given as arguments are taken as the staged ones
      --changed-lines     with --changed or --staged: only findings on changed
                          lines (from git diff -U0)

Fixable rules: reference-unused, reference-redundant,
reference-malformed, and the opt-in table-alignment and table-check-mark.

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
      --no-error-on-unmatched-pattern
                          let a path that selects no page pass
  -f, --format NAME       json (default), truth or model
  -o, --output FILE       write to FILE (atomically) instead of standard output
  -h, --help              show this help
`;
}

export function explainHelp(): string {
  return `Usage: compatlint explain [options] [paths...]

Show how compatlint reads each table of the pages \`check\` would check (same
config, presets and paths): its location and headers, the table kind that
recognizes it and the conditions of its \`match\` that held, or, when no kind
does, the first condition each declared kind failed (kinds are tried in the
order the config declares them; the first that matches wins). Then the texts of
recognized tables that no vocabulary knows, by where they would go in config
(\`vocabulary.<name>\`, or \`values\` for status words), with a count and the
first place each is found, quoted so they can be pasted into an alias list.

Formats:
  text    (default) for reading in a terminal
  json    the same, with every condition's data (patterns, what was found)
  tsv     one line per fact: file, line, column, kind, dimensions, raw cell,
          normalized value; tables no kind recognizes have kind "" (as in
          extract); tabs, line breaks and backslashes are written \\t \\n \\\\

Options:
  -c, --config FILE       config file (default: nearest compatlint.config.{json,yaml,yml})
      --preset NAME       start from a built-in preset (repeatable)
      --no-error-on-unmatched-pattern
                          let a path that selects no page pass
  -f, --format NAME       text (default), json or tsv
  -o, --output FILE       write to FILE (atomically) instead of standard output
      --color, --no-color force colors on or off (NO_COLOR is honoured)
  -h, --help              show this help

Exit codes: 0 explained, 2 usage or config error, or a path that selects no page.
`;
}

export function i18nHelp(): string {
  return `Usage: compatlint i18n [options] [paths...]

Compare every translation with its source page at the translation's base (the
commit in front matter \`translation.baseKey\`, else with \`translation.base:
history\` the source as it was at the translation's last commit) and now, and
say per locale how many pages are current, stale (and by how many facts),
mistranslated, changed in the source's prose only (text drift), or without a
base; then each page to act on with its findings. Bases are read from git
objects, never checked out. Paths select translations, or source pages whose
translations to show; every page is read. See docs/translations.md.

Options:
  -c, --config FILE       config file (default: nearest compatlint.config.{json,yaml,yml})
      --preset NAME       start from a built-in preset (repeatable)
      --no-error-on-unmatched-pattern
                          let a path that selects no page pass
  -f, --format NAME       text (default), markdown (fits a GitHub issue body)
                          or json (schemas/i18n.schema.json)
  -o, --output FILE       write to FILE (atomically) instead of standard output
      --link-template URL markdown links to lines, e.g.
                          https://github.com/ORG/REPO/blob/SHA/{file}#L{line}
      --write-status KEY  set front matter KEY to true on each translation whose
                          source changed since its pinned base, false on the
                          others (atomically, the rest of each file byte for
                          byte); pages not pinned in front matter are left as
                          they are
      --cache, --cache-location DIR, --threads N
                          as for check
      --color, --no-color force colors on or off (NO_COLOR is honoured)
  -h, --help              show this help

Exit codes: 0 reported, 2 usage or config error, or a path that selects no page.
`;
}

export function rulesHelp(): string {
  return `Usage: compatlint rules [options] [rule-id]

List every rule with its default severity and description, or show the
documentation of one rule. The rules are the built-in ones and those the config's
\`plugins\` add (the nearest config file, or --config).

Options:
  -c, --config FILE       config file whose plugins' rules are listed too
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
      --no-error-on-unmatched-pattern
                          let a path that selects no page pass
  -f, --format NAME       stylish (default), json or markdown; repeatable,
                          each may be followed by its own --output
  -o, --output FILE       write the preceding --format's output to FILE
      --fail-on LEVEL     exit 1 on: breaking, any, or none (default)
      --link-template URL links for markdown, e.g.
                          https://github.com/ORG/REPO/blob/SHA/{file}#L{line}
      --max-bytes N       longest markdown output, in bytes (default 65000, a
                          pull-request comment); a longer one stops at a whole
                          change and says what it left out
      --color, --no-color force colors on or off
  -h, --help              show this help
`;
}

export function auditHelp(): string {
  return `Usage: compatlint audit [options] [paths...]

Check pages like \`check\`, then write a report of the whole tree: totals by
severity, rule, page and locale; the compatibility matrix of each table kind
with disagreeing cells highlighted; every consistency and translation-drift
finding with its locations; every finding, filterable in the HTML report.
At least one of --html and --markdown is required.

Options:
      --html FILE           write the HTML report (one self-contained file)
      --markdown FILE       write a Markdown summary that fits a GitHub issue
      --link-template URL   link locations to source lines; {file}, {line} and
                            {column} are filled in, e.g.
                            https://github.com/ORG/REPO/blob/main/{file}#L{line}
  -c, --config FILE         config file (default: nearest compatlint.config.*)
      --preset NAME         start from a built-in preset (repeatable)
      --no-error-on-unmatched-pattern
                            let a path that selects no page pass
      --max-warnings N      exit 1 when there are more than N warnings
      --truth-missing       also report truth facts no page states and page rows
                            no truth record names
  -h, --help                show this help

Exit codes as for check: 0 no errors, 1 errors found, 2 usage or config error.
`;
}

export function baselineHelp(): string {
  return `Usage: compatlint baseline [options] [paths...]

Check the pages as \`check\` does and write every finding to .compatlint-baseline.json
(or --baseline FILE). \`check\` then leaves those findings out and says how many;
findings are recognized by rule, file and what they say (fact keys, values), not by
line, so edits around them do not bring them back. A whole-tree \`check\` also says
how many recorded findings no longer occur; --prune-baseline removes them from the file.

Options:
  -c, --config FILE       config file
      --preset NAME       start from a built-in preset (repeatable)
      --baseline FILE     where to write (default .compatlint-baseline.json)
  -h, --help              show this help
`;
}

export function initHelp(): string {
  return `Usage: compatlint init [options]

Write compatlint.config.yaml for the docs tree in the working directory, and
say on standard error what was found and what could not be decided.

- The site generator and its config: Hugo (hugo.*, config.*, config/_default/),
  Docusaurus (docusaurus.config.js/ts, read without running it), MkDocs
  (mkdocs.yml), mdBook (book.toml), else plain Markdown. The config is looked
  for here and two folder levels down. Its content folders, locales, versions
  and mounts give include and site.
- The tables of the source pages, grouped by header signature: one table kind
  each, with a column vocabulary, column types (status, version, text) from
  the cells, and the translated headers paired by position with the source
  page's (marked "review").
- Status words of the cells that the built-in lists lack (marked "review").
- Page dimensions, where copies of a kind's tables on several pages disagree
  too much to be one fact (a version folder, a front matter key).

An existing compatlint.config.yaml is not overwritten without --force.

Options:
      --print             print the config to standard output; write nothing
      --force             overwrite compatlint.config.yaml
      --threads N         worker threads that parse pages (default: the cores)
  -h, --help              show this help

See docs/init.md for a worked example.
`;
}

export function lspHelp(): string {
  return `Usage: compatlint lsp [options]

Run the language server (LSP) over standard input and output: an editor starts
it and shows, as you type, what \`check\` finds on the open pages, rules that
compare pages included (against the rest of the tree as it is on disk), fixes
and "disable" comments as code actions, on a table cell what the same fact says
everywhere else, and links to definitions, pages, anchors and partials. Setup
for VS Code, Neovim, Helix and Zed: docs/editors.md.

The config is found as \`check\` finds it, from the workspace root the editor
names, and read again when it changes. A bad config is one diagnostic on the
config file.

Options:
  -c, --config FILE       config file (default: nearest compatlint.config.{json,yaml,yml})
      --preset NAME       start from a built-in preset (repeatable)
      --truth-missing     also report facts of the truth files that no page states
      --cache-location DIR
                          the page cache (default .compatlint-cache/, the folder
                          \`check --cache\` uses): only pages changed since are parsed
      --no-cache          keep no cache (the tree is parsed at every start)
      --threads N         worker threads that parse pages at start (default: the
                          number of available cores)
      --stdio             accepted for editors that pass it; standard input and
                          output is the only transport
  -h, --help              show this help
`;
}
