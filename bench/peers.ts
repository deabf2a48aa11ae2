import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/**
 * The peer linters, pinned to exact versions so two machines measure the same code.
 * markdownlint-cli2 stays on 0.22.1, the last release that supports Node 20 (0.23 and later,
 * with markdownlint 0.41+, require Node 22); compatlint itself supports Node 20.
 * remark-lint is the wrapper the remark-lint-* rules are normally used with (it handles
 * `<!--lint disable-->` comments), so the remark setup matches what a docs repo would run.
 */
export const PEERS = {
  'markdownlint-cli2': '0.22.1',
  'remark-cli': '12.0.1',
  'remark-gfm': '4.0.1',
  'remark-frontmatter': '5.0.0',
  'remark-lint': '10.0.1',
  'remark-lint-no-undefined-references': '5.0.2',
  'remark-lint-no-unused-definitions': '4.0.2',
  'remark-validate-links': '13.1.0',
} as const;

export type PeerName = keyof typeof PEERS;

export interface Peers {
  /** The folder holding `node_modules/` with the pinned peers. */
  dir: string;
  /** Whether an earlier run's install was reused. */
  reused: boolean;
  /** Absolute path of a package's `bin` script (`bin` names the command when a package has several). */
  bin(name: PeerName, bin?: string): string;
  /** Absolute path of a package's entry module, for configs that name plugins by path. */
  entry(name: PeerName): string;
}

const MANIFEST = 'peers.json';

/**
 * Install the pinned peers once into `cacheRoot/<key>` (key: a hash of the pins) and reuse
 * them on later runs. The install goes to a temp folder beside it first and is renamed into
 * place only when complete, so an interrupted install is never mistaken for a finished one.
 */
export function ensurePeers(cacheRoot: string, log: (line: string) => void): Peers {
  const specs = Object.entries(PEERS).map(([name, version]) => `${name}@${version}`);
  const key = createHash('sha256').update(specs.join('\n')).digest('hex').slice(0, 12);
  const dir = path.join(cacheRoot, key);
  const manifest = path.join(dir, MANIFEST);
  const reused = existsSync(manifest) && readFileSync(manifest, 'utf8') === manifestText(specs);
  if (!reused) {
    mkdirSync(cacheRoot, { recursive: true });
    const tmp = path.join(cacheRoot, `.tmp-${key}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    log(`Installing peers into ${path.relative(process.cwd(), dir) || dir} (once; reused while the pins stay the same)`);
    const npm = npmCommand();
    const result = spawnSync(
      npm.command,
      [...npm.args, 'install', '--prefix', tmp, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...specs],
      { stdio: ['ignore', 'ignore', 'inherit'], shell: npm.shell },
    );
    if (result.status !== 0) {
      rmSync(tmp, { recursive: true, force: true });
      throw new Error(`npm install of the peers failed (exit ${result.status ?? result.signal}): ${specs.join(' ')}`);
    }
    writeFileSync(path.join(tmp, MANIFEST), manifestText(specs));
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  // Direct dependencies always sit at the top of node_modules; `pkg/package.json` is often not
  // an exported subpath, so it is read by path rather than resolved.
  const packageDir = (name: PeerName): string => path.join(dir, 'node_modules', name);
  const packageJson = (name: PeerName): { version: string; bin?: string | Record<string, string> } =>
    JSON.parse(readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')) as { version: string; bin?: string | Record<string, string> };
  const require = createRequire(path.join(dir, 'node_modules', 'resolve-from-here.js'));
  for (const [name, version] of Object.entries(PEERS) as Array<[PeerName, string]>) {
    const installed = packageJson(name).version;
    if (installed !== version) throw new Error(`${name}: expected ${version} in ${dir}, found ${installed}; delete that folder and rerun`);
  }
  return {
    dir,
    reused,
    bin(name, binName) {
      const { bin } = packageJson(name);
      const relative = typeof bin === 'string' ? bin : bin?.[binName ?? name];
      if (relative === undefined) throw new Error(`${name} has no bin ${binName ?? name}`);
      return path.join(packageDir(name), relative);
    },
    entry(name) {
      return require.resolve(name);
    },
  };
}

function manifestText(specs: string[]): string {
  return `${JSON.stringify({ peers: specs }, null, 2)}\n`;
}

/**
 * Run the npm that runs us (`npm run bench` sets npm_execpath), so the install uses the same
 * npm and registry settings on every platform; fall back to `npm` on the PATH.
 */
function npmCommand(): { command: string; args: string[]; shell: boolean } {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /npm-cli\.[cm]?js$/.test(execPath)) return { command: process.execPath, args: [execPath], shell: false };
  return { command: 'npm', args: [], shell: process.platform === 'win32' };
}
