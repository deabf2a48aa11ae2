/**
 * `npm run bench`: measure compatlint against the parse floor and two peer linters on a
 * generated Hugo-like tree. See the README's "Performance" section for what each row means.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Accounting, type Command, CommandFailed, detectAccounting, measure, type Sample } from './measure.js';
import { ensurePeers, PEERS, type Peers } from './peers.js';
import { type LspSample, measureLsp, summarizeLsp } from './lsp.js';
import { evaluateTargets, fmtSeconds, renderLsp, renderTable, renderTargets, type Row, type RowId, summarize } from './report.js';
import { commitHistory, generateTree, pickEditTarget, readSourceSite, type SourceSite } from './tree.js';

/** The translation-base row's config, at the tree's root (a name `check` does not look for). */
const BASES_CONFIG = '.compatlint-bases.yaml';

const HELP = `Usage: npm run bench -- [options]

Generates a Hugo-like tree of N pages in a temp folder and measures compatlint (cold, warm
cache, one edited page, the language server), a single-threaded parse floor, markdownlint-cli2
and remark-cli on it; then compatlint cold and the pre-commit hook on a larger tree.

Options:
  --pages N             pages in the generated tree (default 2000)
  --runs N              runs per row, alternating between tools; the median is reported (default 3)
  --accounting NAME     gnu-time or node-hook (default: gnu-time when /usr/bin/time is GNU time)
  --large N             pages in the larger tree (default 10000)
  --rows ID,...         measure only these rows (ids: compatlint-cold, compatlint-bases,
                        compatlint-warm, compatlint-edit, compatlint-hook, parse-floor,
                        markdownlint-cli2, remark-cli, compatlint-cold-large,
                        compatlint-hook-large, and lsp: the language server case);
                        peers are installed only for their rows, and bench/results is not
                        written
  --keystrokes N        keystrokes per language server run (default 5)
  --keep                keep the temp folder (tree and tool output) and print where it is
  -h, --help            show this help
`;

/** bench/dist/run.js → the project root. */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = path.join(projectRoot, 'bench');
const compatlintBin = path.join(projectRoot, 'bin', 'compatlint.js');
const floorScript = path.join(benchDir, 'dist', 'parse-floor.js');
const corpusRoot = path.resolve(projectRoot, '..', 'shared', 'corpus', 'datadog');
const exampleSite = path.join(projectRoot, 'fixtures', 'example-site');

interface Options {
  pages: number;
  large: number;
  runs: number;
  accounting: Accounting;
  keep: boolean;
  /** Rows to measure (and `lsp`); null: all. */
  rows: ReadonlySet<string> | null;
  keystrokes: number;
}

const ROW_IDS: readonly RowId[] = [
  'compatlint-cold',
  'compatlint-bases',
  'compatlint-warm',
  'compatlint-edit',
  'compatlint-hook',
  'parse-floor',
  'markdownlint-cli2',
  'remark-cli',
  'compatlint-cold-large',
  'compatlint-hook-large',
];
/** The rows run on the larger tree. */
const LARGE_ROWS: ReadonlySet<RowId> = new Set(['compatlint-cold-large', 'compatlint-hook-large']);

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      pages: { type: 'string' },
      large: { type: 'string' },
      runs: { type: 'string' },
      accounting: { type: 'string' },
      keep: { type: 'boolean' },
      rows: { type: 'string' },
      keystrokes: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(HELP);
    return null;
  }
  const positive = (name: string, raw: string | undefined, fallback: number): number => {
    if (raw === undefined) return fallback;
    if (!/^[1-9]\d*$/.test(raw)) throw new Error(`--${name}: expected a positive integer, got "${raw}"`);
    return Number(raw);
  };
  const accounting = values.accounting ?? detectAccounting();
  if (accounting !== 'gnu-time' && accounting !== 'node-hook') throw new Error(`--accounting: expected gnu-time or node-hook, got "${accounting}"`);
  const rows = values.rows === undefined ? null : new Set(values.rows.split(',').map((r) => r.trim()));
  const known: readonly string[] = [...ROW_IDS, 'lsp'];
  for (const r of rows ?? []) if (!known.includes(r)) throw new Error(`--rows: unknown row "${r}" (rows: ${known.join(', ')})`);
  return {
    pages: positive('pages', values.pages, 2000),
    large: positive('large', values.large, 10000),
    runs: positive('runs', values.runs, 3),
    accounting,
    keep: values.keep === true,
    rows,
    keystrokes: positive('keystrokes', values.keystrokes, 5),
  };
}

interface Machine {
  hostname: string;
  os: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
}

function machine(): Machine {
  return {
    hostname: os.hostname(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

function loadAverage(): number[] {
  return os.loadavg().map((v) => Math.round(v * 100) / 100);
}

function git(args: string[]): string | null {
  const result = spawnSync('git', args, { cwd: projectRoot, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Whether this branch's compatlint has `check --cache` (rows b and c need it). */
function hasCacheFlag(): boolean {
  const help = spawnSync(process.execPath, [compatlintBin, 'check', '--help'], { encoding: 'utf8' });
  if (help.status !== 0) throw new Error(`compatlint check --help failed (exit ${help.status}): ${help.stderr}`);
  return /(^|\s)--cache\b/m.test(help.stdout);
}

/** remark-cli finds this beside the tree's pages; plugins are named by path because they live in the peers folder. */
function writeRemarkrc(treeRoot: string, peers: Peers): void {
  const config = {
    plugins: [
      peers.entry('remark-gfm'),
      peers.entry('remark-frontmatter'),
      peers.entry('remark-lint'),
      peers.entry('remark-lint-no-undefined-references'),
      peers.entry('remark-lint-no-unused-definitions'),
      // Without a repository, remark-validate-links checks links within the tree instead of asking git for a remote.
      [peers.entry('remark-validate-links'), { repository: false }],
    ],
  };
  writeFileSync(path.join(treeRoot, '.remarkrc.json'), `${JSON.stringify(config, null, 2)}\n`);
}

function writeAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === null) return 0;
  if (!existsSync(path.join(projectRoot, 'dist', 'cli', 'bin.js'))) throw new Error('dist/ is missing: run `npm ci` (or `npm run build`) first');
  const host = machine();
  const cores = os.availableParallelism();
  log(`Machine: ${host.cpu}, ${cores} cores, ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}`);
  // Other work on the machine inflates wall times (CPU times much less): recorded so a reader can tell.
  const loadBefore = loadAverage();
  log(`Load average (1, 5, 15 min): ${loadBefore.join(', ')}`);

  const sources: SourceSite[] = [];
  const notes: string[] = [];
  const corpus = readSourceSite('datadog', corpusRoot);
  if (corpus) sources.push(corpus);
  else notes.push(`../shared/corpus/datadog not found (${corpusRoot}): the tree is built from the project's fixtures only`);
  const fixtures = readSourceSite('example-site', exampleSite);
  if (fixtures) sources.push(fixtures);
  for (const note of notes) log(`Note: ${note}`);

  const cache = hasCacheFlag();
  if (!cache) log('Note: `compatlint check` has no --cache option in this branch: the warm and edited-page rows are n/a');

  const selected = (id: RowId | 'lsp'): boolean => options.rows === null || options.rows.has(id);
  const peers = selected('markdownlint-cli2') || selected('remark-cli') ? ensurePeers(path.join(benchDir, '.peers'), log) : null;
  if (peers?.reused) log(`Peers: reusing ${path.relative(projectRoot, peers.dir)}`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'compatlint-bench-'));
  const treeRoot = path.join(tmp, 'site');
  const logDir = path.join(tmp, 'logs');
  mkdirSync(logDir);
  let failed = true;
  try {
    const tree = generateTree(treeRoot, options.pages, sources);
    // The translation-base row reads each translation's base from git: the tree gets a history.
    writeFileSync(path.join(treeRoot, BASES_CONFIG), 'extends: [datadog]\ntranslation:\n  baseKey: default_lang_commit\n  base: history\n');
    const history = commitHistory(tree);
    log(`History: ${history.commits} commits; after the first, ${history.prose} English pages with translations changed in prose, ${history.facts} in a version (twice)`);
    if (peers) writeRemarkrc(treeRoot, peers);
    const editTarget = pickEditTarget(tree);
    const original = readFileSync(path.join(treeRoot, editTarget), 'utf8');
    log(`Tree: ${tree.pages.length} pages, ${(tree.bytes / 2 ** 20).toFixed(1)} MiB, in ${treeRoot}`);
    // The larger tree, for the rows that show how the hook and memory grow with the tree.
    const largeRoot = path.join(tmp, 'large');
    const large = [...LARGE_ROWS].some((id) => selected(id)) ? generateTree(largeRoot, options.large, sources) : null;
    const largeTarget = large ? pickEditTarget(large) : '';
    if (large) log(`Larger tree: ${large.pages.length} pages, ${(large.bytes / 2 ** 20).toFixed(1)} MiB, in ${largeRoot}`);

    const check = ['check', '--preset', 'datadog'];
    const commands: Record<RowId, Command> = {
      'compatlint-cold': { id: 'compatlint-cold', script: compatlintBin, args: check, cwd: treeRoot, okExitCodes: [0, 1] },
      'compatlint-bases': { id: 'compatlint-bases', script: compatlintBin, args: ['check', '--config', BASES_CONFIG], cwd: treeRoot, okExitCodes: [0, 1] },
      'compatlint-warm': { id: 'compatlint-warm', script: compatlintBin, args: [...check, '--cache'], cwd: treeRoot, okExitCodes: [0, 1] },
      'compatlint-edit': { id: 'compatlint-edit', script: compatlintBin, args: [...check, '--cache', editTarget], cwd: treeRoot, okExitCodes: [0, 1] },
      'compatlint-hook': { id: 'compatlint-hook', script: compatlintBin, args: [...check, '--cache', '--staged', editTarget], cwd: treeRoot, okExitCodes: [0, 1] },
      'parse-floor': { id: 'parse-floor', script: floorScript, args: ['content'], cwd: treeRoot, okExitCodes: [0] },
      // markdownlint-cli2 exits 1 on findings and 2 when it cannot run.
      'markdownlint-cli2': { id: 'markdownlint-cli2', script: peers?.bin('markdownlint-cli2') ?? '', args: ['content/**/*.md'], cwd: treeRoot, okExitCodes: [0, 1] },
      // Without --frail, lint messages are warnings and exit 0; exit 1 means a file could not be processed.
      'remark-cli': { id: 'remark-cli', script: peers?.bin('remark-cli', 'remark') ?? '', args: ['content', '--quiet', '--no-stdout', '--no-color'], cwd: treeRoot, okExitCodes: [0] },
      'compatlint-cold-large': { id: 'compatlint-cold-large', script: compatlintBin, args: check, cwd: largeRoot, okExitCodes: [0, 1] },
      'compatlint-hook-large': { id: 'compatlint-hook-large', script: compatlintBin, args: [...check, '--cache', '--staged', largeTarget], cwd: largeRoot, okExitCodes: [0, 1] },
    };
    const rows: Row[] = [
      {
        id: 'compatlint-cold',
        label: 'compatlint cold',
        measures: 'check --preset datadog on the whole tree, no cache',
        command: 'compatlint check --preset datadog',
      },
      {
        id: 'compatlint-bases',
        label: 'compatlint, translation bases',
        measures: 'the cold run with each translation compared with its base, read from git (the last commit of each translation; 3 commits of history)',
        command: `compatlint check --config ${BASES_CONFIG}`,
      },
      {
        id: 'compatlint-warm',
        label: 'compatlint warm',
        measures: 'the same with --cache, cache primed, nothing changed',
        command: 'compatlint check --preset datadog --cache',
      },
      {
        id: 'compatlint-edit',
        label: 'compatlint, 1 edited page',
        measures: 'one page edited, warm cache, only that page named and checked',
        command: `compatlint check --preset datadog --cache ${editTarget}`,
      },
      {
        id: 'compatlint-hook',
        label: 'compatlint, 1 page, --staged',
        measures: 'the pre-commit hook: one page edited, warm cache, --staged: rules that compare pages read what they need of the others from the facts index',
        command: `compatlint check --preset datadog --cache --staged ${editTarget}`,
      },
      {
        id: 'parse-floor',
        label: 'parse floor (1 thread)',
        measures: 'read + remark-parse/gfm/frontmatter of every page, one thread, nothing else',
        command: 'node bench/dist/parse-floor.js content',
      },
      {
        id: 'markdownlint-cli2',
        label: `markdownlint-cli2 ${PEERS['markdownlint-cli2']}`,
        measures: 'markdownlint-cli2, default config',
        command: "markdownlint-cli2 'content/**/*.md'",
      },
      {
        id: 'remark-cli',
        label: `remark-cli ${PEERS['remark-cli']}`,
        measures: 'remark-cli with gfm, frontmatter, lint, no-undefined-references, no-unused-definitions, validate-links',
        command: 'remark content --quiet --no-stdout --no-color',
      },
      {
        id: 'compatlint-cold-large',
        label: `compatlint cold, ${options.large} pages`,
        measures: 'check --preset datadog on the larger tree, no cache',
        command: 'compatlint check --preset datadog',
      },
      {
        id: 'compatlint-hook-large',
        label: `compatlint --staged, ${options.large} pages`,
        measures: 'the pre-commit hook on the larger tree: one page edited, warm cache',
        command: `compatlint check --preset datadog --cache --staged ${largeTarget}`,
      },
    ].map((r) => ({ ...r, id: r.id as RowId, samples: [] as Sample[] }));
    if (!cache) {
      for (const row of rows) if (row.id === 'compatlint-warm' || row.id === 'compatlint-edit' || row.id === 'compatlint-hook' || row.id === 'compatlint-hook-large') row.notMeasured = 'n/a (no --cache yet)';
    }
    for (const row of rows) if (!selected(row.id)) row.notMeasured = 'not selected (--rows)';

    const prime = async (tag: string): Promise<void> => {
      await measure(commands['compatlint-warm'], options.accounting, logDir, tag);
    };
    const primeLarge = async (tag: string): Promise<void> => {
      await measure({ ...commands['compatlint-warm'], id: 'prime-large', cwd: largeRoot }, options.accounting, logDir, tag);
    };
    // The language server's case starts from a primed cache too.
    const primes = cache && (selected('lsp') || rows.some((r) => r.notMeasured === undefined && (r.id === 'compatlint-warm' || r.id === 'compatlint-edit' || r.id === 'compatlint-hook')));
    if (primes) await prime('prime');
    for (let round = 1; round <= options.runs; round++) {
      for (const row of rows) {
        if (row.notMeasured !== undefined || LARGE_ROWS.has(row.id)) continue;
        const tag = `${row.id}-${round}`;
        const edits = row.id === 'compatlint-edit' || row.id === 'compatlint-hook';
        if (edits) {
          writeFileSync(path.join(treeRoot, editTarget), `${original.replace(/\n*$/, '')}\n\nEdited by the benchmark in round ${round}.\n`);
        }
        const sample = await measure(commands[row.id], options.accounting, logDir, tag);
        if (edits) {
          // Put the page back and refresh the cache, so the next round's warm run sees an unchanged tree.
          writeFileSync(path.join(treeRoot, editTarget), original);
          await prime(`reprime-${round}`);
        }
        row.samples.push(sample);
        log(`round ${round}/${options.runs}  ${row.label.padEnd(26)} ${fmtSeconds(sample.wallMs).padStart(8)} wall ${fmtSeconds(sample.cpuMs).padStart(8)} CPU ${String(Math.round(sample.peakRssKiB / 1024)).padStart(5)} MiB  exit ${sample.exitCode}`);
      }
    }

    // The larger tree's rows, in rounds of their own: its cache is primed once, and again after each edit.
    const largeOriginal = large ? readFileSync(path.join(largeRoot, largeTarget), 'utf8') : '';
    if (large && cache && rows.some((r) => r.id === 'compatlint-hook-large' && r.notMeasured === undefined)) await primeLarge('prime-large');
    for (let round = 1; large && round <= options.runs; round++) {
      for (const row of rows) {
        if (row.notMeasured !== undefined || !LARGE_ROWS.has(row.id)) continue;
        const edits = row.id === 'compatlint-hook-large';
        if (edits) writeFileSync(path.join(largeRoot, largeTarget), `${largeOriginal.replace(/\n*$/, '')}\n\nEdited by the benchmark in round ${round}.\n`);
        const sample = await measure(commands[row.id], options.accounting, logDir, `${row.id}-${round}`);
        if (edits) {
          writeFileSync(path.join(largeRoot, largeTarget), largeOriginal);
          await primeLarge(`reprime-large-${round}`);
        }
        row.samples.push(sample);
        log(`round ${round}/${options.runs}  ${row.label.padEnd(26)} ${fmtSeconds(sample.wallMs).padStart(8)} wall ${fmtSeconds(sample.cpuMs).padStart(8)} CPU ${String(Math.round(sample.peakRssKiB / 1024)).padStart(5)} MiB  exit ${sample.exitCode}`);
      }
    }

    // The language server on the tree as the warm rows leave it: the cache primed, nothing changed.
    const lspArgs = ['--preset', 'datadog'];
    const lspSamples: LspSample[] = [];
    if (selected('lsp') && cache) {
      for (let round = 1; round <= options.runs; round++) {
        const sample = await measureLsp(compatlintBin, lspArgs, treeRoot, editTarget, options.keystrokes);
        lspSamples.push(sample);
        const ms = (values: number[]) => values.map((v) => Math.round(v)).join(' ');
        log(`round ${round}/${options.runs}  lsp: open ${Math.round(sample.openMs)} ms, loaded ${Math.round(sample.loadMs)} ms, keystrokes page ${ms(sample.pageMs)} ms, all ${ms(sample.allMs)} ms`);
      }
    }
    const lsp = lspSamples.length > 0 ? summarizeLsp(lspSamples, options.keystrokes, `compatlint lsp ${lspArgs.join(' ')}`) : null;

    const loadAfter = loadAverage();
    const summaries = summarize(rows, cores);
    const targets = evaluateTargets(summaries, cores, lsp);
    const date = new Date();
    const reproduce = `npm run bench -- --pages ${options.pages} --large ${options.large} --runs ${options.runs}${options.rows ? ` --rows ${[...options.rows].join(',')}` : ''}${lsp ? ` --keystrokes ${options.keystrokes}` : ''}`;
    const table = renderTable(summaries, cores);
    const accountingNote =
      options.accounting === 'gnu-time'
        ? 'CPU = user + system from GNU time (wait4, includes waited-for descendants); peak RSS = GNU time %M (ru_maxrss: the largest process of the tree)'
        : 'CPU = user + system and peak RSS = maxRSS from process.resourceUsage() of the measured Node process (all threads), written at exit by a --require hook';
    process.stdout.write(
      [
        '',
        `Machine: ${host.cpu}, ${cores} cores (os.availableParallelism()), ${host.memoryGiB} GiB RAM, ${host.os}, Node ${host.node}`,
        `Tree: ${tree.pages.length} pages (${Object.entries(tree.perSource).map(([k, v]) => `${v} from ${k}`).join(', ')}), ${(tree.bytes / 2 ** 20).toFixed(1)} MiB; ${options.runs} run(s) per row, alternating; wall and CPU are medians, RSS the highest peak`,
        ...(large ? [`Larger tree: ${large.pages.length} pages, ${(large.bytes / 2 ** 20).toFixed(1)} MiB (its own rows, in rounds after the others)`] : []),
        `Accounting: ${accountingNote}`,
        `Load average (1, 5, 15 min): ${loadBefore.join(', ')} before, ${loadAfter.join(', ')} after`,
        ...notes.map((n) => `Note: ${n}`),
        '',
        table,
        '',
        'Ratios are wall time ÷ the reference wall time.',
        ...(lsp ? ['', renderLsp(lsp)] : []),
        '',
        'Targets:',
        renderTargets(targets),
        '',
        `Reproduce: ${reproduce}`,
        '',
      ].join('\n'),
    );

    const result = {
      version: 1,
      date: date.toISOString(),
      reproduce,
      machine: host,
      loadAverage: { before: loadBefore, after: loadAfter },
      compatlint: {
        version: (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version,
        commit: git(['rev-parse', 'HEAD']),
        // Earlier results in bench/results are not changes to what is measured.
        uncommittedChanges: (git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results']) ?? '') !== '',
        hasCacheFlag: cache,
      },
      options: { pages: options.pages, large: options.large, runs: options.runs, accounting: options.accounting, rows: options.rows ? [...options.rows] : null, keystrokes: options.keystrokes },
      accounting: accountingNote,
      tree: { pages: tree.pages.length, bytes: tree.bytes, perSource: tree.perSource, editedPage: editTarget, history, notes },
      largeTree: large ? { pages: large.pages.length, bytes: large.bytes, perSource: large.perSource, editedPage: largeTarget } : null,
      peers: PEERS,
      rows: summaries,
      lsp,
      targets,
    };
    const json = `${JSON.stringify(result, null, 2)}\n`;
    const resultsDir = path.join(benchDir, 'results');
    const dated = path.join(resultsDir, `${date.toISOString().slice(0, 10)}-${host.hostname.replace(/[^A-Za-z0-9.-]+/g, '-')}.json`);
    if (options.rows === null) {
      writeAtomic(dated, json);
      writeAtomic(path.join(resultsDir, 'latest.json'), json);
      log(`Wrote ${path.relative(process.cwd(), dated)} and ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))}`);
    } else {
      // A run of some rows is not a result to compare releases with.
      log('Some rows only (--rows): nothing written to bench/results');
    }
    failed = false;
    return 0;
  } catch (error) {
    if (error instanceof CommandFailed) {
      const tail = existsSync(error.stderrFile) ? readFileSync(error.stderrFile, 'utf8').trimEnd().split('\n').slice(-20).join('\n') : '';
      log(`bench: ${error.message}${tail === '' ? '' : `; its stderr ends with:\n${tail}`}`);
      return 2;
    }
    throw error;
  } finally {
    if (options.keep || failed) log(`Kept ${tmp} (tree in site/, tool output in logs/)`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
