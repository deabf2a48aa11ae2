import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempTree } from './helpers/cli.js';

const depcruise = path.join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const config = path.join(repoRoot, '.dependency-cruiser.cjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

interface Cruise {
  violations: Violation[];
  errors: number;
  modules: number;
}

/**
 * Cruise `src/**\/*.ts` under `cwd` with the repository's rules. A glob, not the folder: given
 * `src`, dependency-cruiser cruises no module here and finds nothing wrong. The JSON report
 * exits 0 whatever it finds, so its summary is what counts.
 */
function cruise(cwd: string): Cruise {
  const run = spawnSync(process.execPath, [depcruise, 'src/**/*.ts', '--config', config, '--output-type', 'json'], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`dependency-cruiser failed (status ${run.status}): ${run.stderr}`);
  const { summary } = JSON.parse(run.stdout) as { summary: { violations: Violation[]; error: number; totalCruised: number } };
  return { violations: summary.violations, errors: summary.error, modules: summary.totalCruised };
}

const listed = (violations: readonly Violation[]) => violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe('architecture (.dependency-cruiser.cjs)', () => {
  it('src/ imports only downward, without cycles', () => {
    const result = cruise(repoRoot);
    expect(listed(result.violations)).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.modules).toBeGreaterThan(100);
  });

  it('reports a module that imports from a layer above it, and not one that imports below', () => {
    const cwd = tempTree({
      // The config names tsconfig.json relative to where it runs; without one it stops.
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' }, include: ['src'] }),
      'src/util/a.ts': "import { b } from '../cli/b.js';\nexport const a = b;\n",
      'src/cli/b.ts': 'export const b = 1;\n',
      'src/cli/c.ts': "import { a } from '../util/a.js';\nexport const c = a;\n",
    });
    const result = cruise(cwd);
    expect(result.modules).toBe(3);
    expect(listed(result.violations)).toEqual(['util-imports-downward-only: src/util/a.ts → src/cli/b.ts']);
    expect(result.errors).toBe(1);
  });
});
