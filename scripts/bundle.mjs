/**
 * Bundle the command line and the pool's worker script into `dist/bundle/` (run by `npm run
 * build` after tsc). Node spends a large part of a one-page run resolving, reading and
 * compiling ~300 separate modules; a handful of bundled files load several times faster.
 * `dist/` (from tsc) stays the library API; `bin/compatlint.js` runs the bundle when present.
 *
 * Code splitting keeps the lazy imports lazy: each command, the external-link checker and
 * the audit are chunks of their own, loaded only when used, and the worker shares chunks with
 * the command line. Output files sit directly in `dist/bundle/`, so `new URL('./worker.js',
 * import.meta.url)` in the pool finds the bundled worker beside whichever chunk holds the pool.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/bin.ts', worker: 'src/load/worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (ajv, yaml) call `require` for Node's own modules; ESM output has none.
  banner: { js: "import { createRequire as __compatlintRequire } from 'node:module';\nconst require = __compatlintRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});
