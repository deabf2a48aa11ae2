import type { TruthMappingConfig } from '../facts/truth-mapping.js';

/**
 * Mappings every config can name (`truth: [{ from: package.json, mapping: package-json-engines }]`):
 * files most projects already keep, read into facts with the dimensions `runtime` and
 * `attribute: versions`. A config's `truthMappings` (or a preset's) adds more; an entry's
 * `dimensions` renames or adds dimensions to fit its table kinds. See docs/truth.md.
 */

// Runtimes by the names CI workflows give their matrix axes (`actions/setup-*` inputs and the usual
// short forms); the ids are what facts carry, the axes' names are aliases.
const runtimeAxes: Record<string, string[]> = {
  python: ['python-version', 'python-versions'],
  node: ['node-version', 'node-versions', 'nodejs', 'node.js'],
  java: ['java-version', 'jdk', 'jdk-version'],
  go: ['go-version', 'golang'],
  ruby: ['ruby-version'],
  php: ['php-version'],
  dotnet: ['dotnet-version', '.net'],
  rust: ['rust-version', 'toolchain'],
  elixir: ['elixir-version'],
  erlang: ['otp-version', 'otp'],
  deno: ['deno-version'],
  bun: ['bun-version'],
};

const axisNames = Object.entries(runtimeAxes).flatMap(([id, aliases]) => [id, ...aliases]);

export const builtinTruthMappings: Record<string, TruthMappingConfig> = {
  'package-json-engines': {
    description: 'package.json `engines.node`: the versions of Node.js the package declares it runs on',
    records: 'engines',
    dimensions: { runtime: "'node'", attribute: "'versions'" },
    value: 'node',
    syntax: 'npm',
    relations: { equal: 'error' },
    vocabulary: { runtime: { node: ['Node.js', 'NodeJS', 'nodejs'] } },
  },
  'pyproject-requires-python': {
    description: 'pyproject.toml `project.requires-python`: the Python versions the package declares it runs on',
    records: 'project',
    dimensions: { runtime: "'python'", attribute: "'versions'" },
    value: '"requires-python"',
    syntax: 'pep440',
    relations: { equal: 'error' },
  },
  'github-actions-matrix': {
    description: 'a GitHub Actions workflow: the runtime versions its jobs test (`strategy.matrix`), each runtime axis one fact',
    // Not `jobs.*.strategy.matrix`: JMESPath's implementations give null for a field path after `.*` (jmespath/jmespath.py#131).
    records: 'values(jobs)[].strategy.matrix',
    entries: '@',
    where: `contains(\`${JSON.stringify(axisNames)}\`, key)`,
    dimensions: { runtime: 'key', attribute: "'versions'" },
    // `node-version: 18` installs the latest 18.x: a series, covered by a page that admits some of it.
    versions: { tested: 'value', series: true },
    relations: { covers: 'error' },
    vocabulary: { runtime: runtimeAxes },
  },
};
