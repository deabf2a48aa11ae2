/**
 * The layers of src/, lowest first. A module may import from its own folder and from any layer
 * below it, never from one above; folders that share a rank (the commands' back ends) do not
 * import each other. `npm test` runs this check (test/architecture.test.ts); docs/architecture.md
 * draws the same picture.
 */
const layers = [
  ['util'],
  ['net'],
  ['parse'],
  ['model'],
  ['site'],
  ['facts'],
  ['engine'],
  ['rules'],
  ['config'],
  ['load'],
  ['lint'],
  ['drift', 'fix', 'audit', 'reporters', 'lsp', 'init', 'explain', 'i18n', 'baseline'],
  ['cli'],
];

const folder = (name) => `^src/${name}/`;
const forbidden = [];
layers.forEach((rank, i) => {
  const above = layers.slice(i + 1).flat();
  for (const name of rank) {
    const siblings = rank.filter((other) => other !== name);
    const targets = [...above, ...siblings];
    if (targets.length === 0) continue;
    forbidden.push({
      name: `${name}-imports-downward-only`,
      comment: `src/${name} may import only from layers below it: ${layers.slice(0, i).flat().join(', ') || 'none'}`,
      severity: 'error',
      from: { path: folder(name) },
      to: { path: `^src/(${targets.join('|')})/` },
    });
  }
});
forbidden.push(
  {
    name: 'no-circular',
    comment: 'Modules do not import each other in a cycle, even within one folder (type-only imports aside: they vanish at run time).',
    severity: 'error',
    from: {},
    to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
  },
  {
    name: 'only-the-api-imports-everything',
    comment: 'src/index.ts is the public API; nothing inside src/ imports it.',
    severity: 'error',
    from: { path: '^src/' },
    to: { path: '^src/index\\.ts$' },
  },
  {
    name: 'no-unknown-folder',
    comment: 'Every module lives in one of the layers (add a new folder to the list above).',
    severity: 'error',
    from: { path: '^src/', pathNot: `^src/(index\\.ts|(${layers.flat().join('|')})/)` },
    to: {},
  },
);

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)fixtures/' },
    tsPreCompilationDeps: true,
    parser: 'tsc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
