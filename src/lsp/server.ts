import { type FSWatcher, readFileSync, watch } from 'node:fs';
import path from 'node:path';
import {
  CodeActionKind,
  type Connection,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  MarkupKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findConfigFile } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { limitToScope } from '../engine/scope.js';
import type { Diagnostic, LintResult } from '../engine/types.js';
import { storedResult } from '../lint/lint.js';
import { LintSession } from '../lint/session.js';
import { PageCache } from '../load/cache.js';
import { PAGE_EXTENSIONS } from '../load/files.js';
import type { PageModel } from '../model/types.js';
import { UsageError } from '../util/errors.js';
import { relativeName } from '../util/posix.js';
import { codeActions, FIX_ALL_KIND, type PageLayout } from './actions.js';
import { carryOver, toLsp } from './diagnostics.js';
import { factAt, factHover } from './hover.js';
import { definitionAt, documentLinks, type Navigation } from './navigate.js';
import { PageText, pathOf, plainRange, uriOf } from './text.js';

export interface ServerOptions {
  /** The config for a workspace root, found as `check` finds it there (`--config`, `--preset`). */
  loadConfig: (root: string) => Promise<ResolvedConfig>;
  /** The config file named on the command line (`--config`), relative to the workspace root. */
  configFile?: string;
  /** The cache folder relative to the workspace root (`--cache-location`); null: no cache. */
  cacheLocation: string | null;
  /** Worker threads for loading the tree. */
  threads: number;
  /** How long a buffer waits after a change before it is checked again. */
  debounceMs?: number;
}

/**
 * A change waits this long for the next one: a burst of keystrokes is checked once, and a
 * single one still shows its page rules' findings within the editor's budget (150 ms).
 */
const DEFAULT_DEBOUNCE_MS = 25;

const CONFIG_NAME = /(^|[\\/])compatlint\.config\.(json|ya?ml)$/;
const PAGE_FILE = new RegExp(`\\.(${PAGE_EXTENSIONS.join('|')})$`, 'i');

/**
 * `compatlint lsp`: a language server on a pair of streams (standard input and output). It
 * lives until the client says `exit` or closes the stream; vscode-languageserver then ends the
 * process.
 */
export function serve(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, options: ServerOptions): void {
  const connection = createConnection(ProposedFeatures.all, input, output);
  const documents = new TextDocuments(TextDocument);
  const server = new Server(connection, documents, options);
  connection.onInitialize((params) => server.initialize(params));
  connection.onInitialized(() => server.initialized());
  documents.onDidChangeContent((e) => server.changed(e.document));
  documents.onDidClose((e) => server.closed(e.document));
  documents.onDidSave((e) => server.saved(e.document));
  connection.onDidChangeWatchedFiles((params) => server.filesChanged(params.changes.map((c) => c.uri)));
  connection.onCodeAction((params) => server.guard(() => server.codeActions(params.textDocument.uri, params.range, params.context.only), []));
  connection.onHover((params) => server.guard(() => server.hover(params.textDocument.uri, params.position), null));
  connection.onDefinition((params) => server.guard(() => server.definition(params.textDocument.uri, params.position), null));
  connection.onDocumentLinks((params) => server.guard(() => server.links(params.textDocument.uri), []));
  documents.listen(connection);
  connection.listen();
}

/** What an open page shows: its findings, made on `text` (version `version`), by the rules that made them. */
interface Shown {
  version: number;
  text: string;
  page: Diagnostic[];
  corpus: Diagnostic[];
  items: Array<{ finding: Diagnostic; shown: ReturnType<typeof toLsp> }>;
}

class Server {
  private root = process.cwd();
  private progressSupported = false;
  private watchSupported = false;
  private config: ResolvedConfig | null = null;
  private session: LintSession | null = null;
  /** While the tree loads: the result a whole `check --cache` stored for it as it is on disk. */
  private stored: LintResult | null = null;
  private generation = 0;
  private configProblem: string | null = null;
  private readonly shown = new Map<string, Shown>();
  /** Pages not open on which findings that involve an open page are shown. */
  private others = new Set<string>();
  /** The version of each open buffer last built into the session. */
  private readonly built = new Map<string, number>();
  private readonly pageTimers = new Map<string, NodeJS.Timeout>();
  private corpusTimer: NodeJS.Timeout | null = null;
  /** Buffers built into the session so far: a check that awaited sees whether one changed meanwhile. */
  private updates = 0;
  private readonly reported = new Set<string>();
  /** Without the editor's file watching: the config's folder, watched here. */
  private configWatch: { dir: string; watcher: FSWatcher } | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly options: ServerOptions,
  ) {}

  initialize(params: InitializeParams): InitializeResult {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    this.root = (folder ? pathOf(folder) : null) ?? params.rootPath ?? process.cwd();
    this.progressSupported = params.capabilities.window?.workDoneProgress === true;
    this.watchSupported = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        definitionProvider: true,
        documentLinkProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'compatlint' },
    };
  }

  initialized(): void {
    if (this.watchSupported) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/compatlint.config.{json,yaml,yml}' }, { globPattern: `**/*.{${PAGE_EXTENSIONS.join(',')}}` }, { globPattern: '**/partials/**' }],
      });
    }
    void this.reload();
  }

  /** Run a request's handler; an internal error is logged and answered with `fallback`, never a crash. */
  guard<T>(run: () => T, fallback: T): T {
    try {
      return run();
    } catch (error) {
      this.internal(error);
      return fallback;
    }
  }

  private internal(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.connection.console.error(`compatlint: internal error: ${error instanceof Error ? (error.stack ?? message) : message}`);
    if (this.reported.has(message)) return;
    this.reported.add(message);
    void this.connection.window.showErrorMessage(`compatlint: internal error: ${message.split('\n')[0]}`);
  }

  /**
   * Load the config and the tree again (at start, and when the config changes). Until the tree
   * is loaded, a page open as it is on disk shows what a whole `check --cache` stored for it.
   */
  private async reload(): Promise<void> {
    const generation = ++this.generation;
    this.session = null;
    this.built.clear();
    const progress = await this.progress();
    try {
      const config = await this.loadConfig();
      this.watchConfig(config);
      if (config === null || generation !== this.generation) return;
      this.config = config;
      const warn = (message: string) => this.connection.console.warn(`compatlint: ${message}`);
      const cacheDir = this.options.cacheLocation === null ? null : path.resolve(this.root, this.options.cacheLocation);
      const cache = cacheDir === null ? undefined : new PageCache(cacheDir, config, this.root, warn);
      const options = { cwd: this.root, config, threads: this.options.threads, ...(cache ? { cache } : {}) };
      const started = performance.now();
      this.stored = await storedResult(options);
      // Reading the tree kept the event loop busy: the buffers opened meanwhile are read first.
      await turns();
      if (generation !== this.generation) return;
      const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
      if (this.stored) this.connection.console.info(`compatlint: the tree is as a cached run left it (${seconds()}): its findings are shown while the pages load`);
      for (const document of this.documents.all()) this.showStored(document);
      // And the findings go out before loading the pages keeps it busy again.
      await turns();
      let reportedAt = -1;
      const onProgress = (done: number, total: number) => {
        const percent = Math.floor((done / total) * 100);
        if (percent === reportedAt) return;
        reportedAt = percent;
        progress?.report(percent, `${done}/${total} pages`);
      };
      const session = await LintSession.load({ ...options, onProgress }, this.buffers());
      if (generation !== this.generation) return;
      this.session = session;
      this.stored = null;
      const { stats } = session;
      this.connection.console.info(`compatlint: ${stats.files} pages loaded in ${seconds()}: ${stats.parsed} parsed, ${stats.cached} from the cache`);
      await this.checkCorpus();
    } catch (error) {
      this.internal(error);
    } finally {
      progress?.done();
    }
  }

  /**
   * An editor that does not watch files for the server (Helix, Zed, Neovim on Linux) does not
   * say when the config changes: its folder is watched here instead, so a change made in any
   * editor or tool loads everything again.
   */
  private watchConfig(config: ResolvedConfig | null): void {
    if (this.watchSupported) return;
    const file = config?.file ?? (this.options.configFile ? path.resolve(this.root, this.options.configFile) : findConfigFile(this.root));
    const dir = file ? path.dirname(file) : this.root;
    if (this.configWatch?.dir === dir) return;
    this.configWatch?.watcher.close();
    this.configWatch = null;
    let timer: NodeJS.Timeout | undefined;
    try {
      const watcher = watch(dir, (_event, name) => {
        if (name === null || !CONFIG_NAME.test(String(name))) return;
        // An editor's save is several events (a temp file renamed over the old one).
        clearTimeout(timer);
        timer = setTimeout(() => void this.reload(), 100);
      });
      watcher.on('error', (error) => this.connection.console.warn(`compatlint: cannot watch ${dir} for config changes (${error.message})`));
      this.configWatch = { dir, watcher };
    } catch (error) {
      this.connection.console.warn(`compatlint: cannot watch ${dir} for config changes (${(error as Error).message})`);
    }
  }

  private async progress(): Promise<WorkDoneProgressServerReporter | null> {
    if (!this.progressSupported) return null;
    const reporter = await this.connection.window.createWorkDoneProgress();
    reporter.begin('compatlint', 0, 'loading pages');
    return reporter;
  }

  /** The config, found as `check` finds it; a bad one is one diagnostic on the config file (or a message), and no page is checked. */
  private async loadConfig(): Promise<ResolvedConfig | null> {
    const configFile = this.options.configFile;
    try {
      const config = await this.options.loadConfig(this.root);
      this.clearConfigProblem();
      return config;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      this.config = null;
      for (const uri of [...this.shown.keys(), ...this.others]) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.shown.clear();
      this.others.clear();
      this.clearConfigProblem();
      const file = configFile ? path.resolve(this.root, configFile) : findConfigFile(this.root);
      if (file === null) {
        void this.connection.window.showErrorMessage(`compatlint: ${error.message}`);
        return null;
      }
      const uri = uriOf(file);
      const firstLine = readText(file)?.split(/\r\n|\r|\n/)[0] ?? '';
      const range = plainRange({ line: 1, column: 1, endLine: 1, endColumn: firstLine.length + 1 });
      void this.connection.sendDiagnostics({ uri, diagnostics: [{ range, severity: DiagnosticSeverity.Error, source: 'compatlint', message: error.message }] });
      this.configProblem = uri;
      return null;
    }
  }

  private clearConfigProblem(): void {
    if (this.configProblem !== null) void this.connection.sendDiagnostics({ uri: this.configProblem, diagnostics: [] });
    this.configProblem = null;
  }

  /** The open pages' texts, by absolute path. */
  private buffers(): Map<string, string> {
    const out = new Map<string, string>();
    for (const document of this.documents.all()) {
      const abs = pagePath(document.uri);
      if (abs !== null) out.set(abs, new PageText(document).text());
    }
    return out;
  }

  /** While the tree loads: the stored findings of a page whose buffer is as its file on disk. */
  private showStored(document: TextDocument): void {
    const abs = pagePath(document.uri);
    if (this.stored === null || abs === null || this.shown.get(document.uri)?.version === document.version) return;
    const file = relativeName(this.root, abs);
    if (!this.stored.checked.includes(file) || readText(abs) !== new PageText(document).text()) return;
    const findings = limitToScope(this.stored, { files: new Set([file]) }).diagnostics;
    this.show(document, findings.filter((d) => !this.isCorpus(d)), findings.filter((d) => this.isCorpus(d)));
  }

  changed(document: TextDocument): void {
    if (pagePath(document.uri) === null) return;
    if (this.session === null) {
      this.showStored(document);
      return;
    }
    clearTimeout(this.pageTimers.get(document.uri));
    this.pageTimers.set(
      document.uri,
      setTimeout(() => {
        this.pageTimers.delete(document.uri);
        try {
          this.pagePhase(document.uri);
        } catch (error) {
          this.internal(error);
        }
      }, this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS),
    );
  }

  /**
   * First after a change: the page rules' findings on the new text, with the findings of rules
   * that compare pages carried over to the lines they were on; then those rules run.
   */
  private pagePhase(uri: string): void {
    const document = this.documents.get(uri);
    if (!document || this.session === null) return;
    const started = performance.now();
    const page = this.build(document);
    if (page === null) return;
    const before = this.shown.get(uri);
    const text = new PageText(document).text();
    const corpus = before ? carryOver(before.corpus, before.text, text) : [];
    this.show(document, this.session.pageResult(page.file).diagnostics, corpus);
    this.debug(`page rules on ${page.file}: ${(performance.now() - started).toFixed(0)} ms`);
    this.scheduleCorpus();
  }

  /** Rules that compare pages, once no change is waiting: the messages that came meanwhile are read first. */
  private scheduleCorpus(): void {
    if (this.corpusTimer !== null) clearTimeout(this.corpusTimer);
    this.corpusTimer = setTimeout(() => {
      this.corpusTimer = null;
      this.checkCorpus().catch((error: unknown) => this.internal(error));
    }, 0);
  }

  /**
   * Every rule, scoped to the open pages: each open page shows the findings that involve it
   * (one found on another page moves onto it, as in `lintText`), and a page not open shows
   * the findings on it that involve an open page.
   */
  private async checkCorpus(): Promise<void> {
    const session = this.session;
    if (session === null || this.pageTimers.size > 0) return;
    const open: Array<{ document: TextDocument; file: string }> = [];
    for (const document of this.documents.all()) {
      const page = this.build(document);
      if (page) open.push({ document, file: page.file });
    }
    const files = new Set(open.map((o) => o.file));
    const started = performance.now();
    const updates = this.updates;
    const result: LintResult =
      files.size === 0 ? { files: 0, checked: [], diagnostics: [], summary: { errors: 0, warnings: 0, infos: 0 }, notices: [{ id: 'noPages' }] } : await session.check(files);
    // A buffer changed while translations' bases were read: the run its change scheduled shows the findings.
    if (session !== this.session || updates !== this.updates) return;
    const checked = performance.now();
    for (const { document, file } of open) {
      const findings = limitToScope(result, { files: new Set([file]) }).diagnostics;
      this.show(document, findings.filter((d) => !this.isCorpus(d)), findings.filter((d) => this.isCorpus(d)));
    }
    const elsewhere = new Map<string, Diagnostic[]>();
    for (const d of result.diagnostics) {
      if (files.has(d.file) || !d.related.some((r) => files.has(r.file))) continue;
      elsewhere.set(d.file, [...(elsewhere.get(d.file) ?? []), d]);
    }
    const now = new Set<string>();
    for (const [file, findings] of elsewhere) {
      const uri = uriOf(path.resolve(this.root, file));
      now.add(uri);
      const rules = this.config?.ruleSet;
      if (rules) void this.connection.sendDiagnostics({ uri, diagnostics: findings.map((d) => toLsp(d, rules, this.root, plainRange)) });
    }
    for (const uri of this.others) if (!now.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.others = now;
    this.debug(`every rule on ${files.size} open pages: ${(checked - started).toFixed(0)} ms, shown in ${(performance.now() - checked).toFixed(0)} ms (${now.size} pages not open)`);
  }

  /** With DEBUG=compatlint, where the time goes, in the editor's log. */
  private debug(message: string): void {
    if (process.env.DEBUG?.includes('compatlint')) this.connection.console.log(`compatlint: ${message}`);
  }

  /** An open buffer's page, built from its current text (once per version); null when the tree has no page for it. */
  private build(document: TextDocument): PageModel | null {
    const abs = pagePath(document.uri);
    const session = this.session;
    if (abs === null || session === null || !session.has(abs)) return null;
    const file = session.fileOf(abs);
    if (this.built.get(document.uri) === document.version) return session.buffer(file) ?? null;
    const page = session.update(abs, new PageText(document).text());
    if (page) {
      this.built.set(document.uri, document.version);
      this.updates++;
    }
    return page;
  }

  private isCorpus(d: Diagnostic): boolean {
    return this.config?.ruleSet.get(d.ruleId)?.meta.scope === 'corpus';
  }

  private show(document: TextDocument, page: Diagnostic[], corpus: Diagnostic[]): void {
    const rules = this.config?.ruleSet;
    if (!rules) return;
    const text = new PageText(document);
    const items = [...page, ...corpus].map((finding) => ({ finding, shown: toLsp(finding, rules, this.root, (at) => text.range(at)) }));
    this.shown.set(document.uri, { version: document.version, text: text.text(), page, corpus, items });
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: items.map((i) => i.shown) });
  }

  closed(document: TextDocument): void {
    clearTimeout(this.pageTimers.get(document.uri));
    this.pageTimers.delete(document.uri);
    this.built.delete(document.uri);
    if (this.shown.delete(document.uri)) void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    const abs = pagePath(document.uri);
    const session = this.session;
    if (abs === null || session === null) return;
    session.close(abs).then(
      () => this.scheduleCorpus(),
      (error: unknown) => this.internal(error),
    );
  }

  saved(document: TextDocument): void {
    if (this.isConfigFile(pathOf(document.uri))) void this.reload();
  }

  private isConfigFile(abs: string | null): boolean {
    return abs !== null && (CONFIG_NAME.test(abs) || abs === this.config?.file);
  }

  /**
   * Files changed on disk: a config file, or a file that is no page (a partial), loads
   * everything again; pages are read again (those open keep their buffer's text).
   */
  filesChanged(uris: readonly string[]): void {
    const open = new Set(this.documents.all().map((d) => pathOf(d.uri)));
    // An open page's buffer stands for it: its file saved is no change to the tree.
    const paths = uris.map(pathOf).filter((p): p is string => p !== null && !(open.has(p) && PAGE_FILE.test(p)));
    if (paths.length === 0) return;
    if (paths.some((p) => this.isConfigFile(p) || !PAGE_FILE.test(p)) || this.session === null) {
      void this.reload();
      return;
    }
    const session = this.session;
    session.refresh(paths).then(
      () => {
        if (session === this.session) this.scheduleCorpus();
      },
      (error: unknown) => this.internal(error),
    );
  }

  /** An open page's text, model and findings as they are now, for the requests below. */
  private current(uri: string): { document: TextDocument; text: PageText; page: PageModel } | null {
    const document = this.documents.get(uri);
    if (!document) return null;
    const page = this.build(document);
    return page ? { document, text: new PageText(document), page } : null;
  }

  codeActions(uri: string, range: Parameters<typeof codeActions>[0]['range'], only: string[] | undefined) {
    const now = this.current(uri);
    const shown = this.shown.get(uri);
    // Offsets of findings made on an older text would edit the wrong place.
    if (!now || !shown || shown.version !== now.document.version) return [];
    return codeActions({ uri, text: now.text, layoutOf: (file) => this.layoutOf(file), findings: shown.items, range, ...(only ? { only } : {}) });
  }

  /**
   * Where a control comment can go on a page: an open page's text and whole model, or the file
   * on disk with what corpus rules read of it (the tables of its facts, its front matter).
   */
  private layoutOf(file: string): PageLayout | null {
    const session = this.session;
    if (session === null) return null;
    const abs = path.resolve(this.root, file);
    const document = this.documents.all().find((d) => pathOf(d.uri) === abs);
    const page = document ? this.build(document) : null;
    if (document && page) {
      const tables = page.tables.filter((t) => t.file === undefined).map((t) => t.span);
      return { uri: document.uri, text: new PageText(document), frontMatter: page.frontMatter?.span, tables };
    }
    const stored = session.page(file);
    const disk = readText(abs);
    if (!stored || disk === null) return null;
    const tables = (stored.facts?.tables ?? []).filter((t) => t.file === stored.file).map((t) => t.span);
    const uri = uriOf(abs);
    return { uri, text: new PageText(TextDocument.create(uri, 'markdown', 0, disk)), frontMatter: stored.frontMatter?.span, tables };
  }

  hover(uri: string, position: { line: number; character: number }) {
    const now = this.current(uri);
    if (!now || this.session === null) return null;
    const fact = factAt(now.page, now.text.offsetAt(position));
    if (!fact) return null;
    return { contents: { kind: MarkupKind.Markdown, value: factHover(fact, this.session.allPages(), this.root) }, range: now.text.range(fact.fact.span) };
  }

  private navigation(uri: string): { nav: Navigation; text: PageText } | null {
    const now = this.current(uri);
    const session = this.session;
    if (!now || session === null || this.config === null) return null;
    return {
      nav: { page: now.page, text: now.text, site: this.config.facts.site, links: session.links(), pageOf: (file) => session.page(file), cwd: this.root },
      text: now.text,
    };
  }

  definition(uri: string, position: { line: number; character: number }) {
    const at = this.navigation(uri);
    return at ? definitionAt(at.nav, at.text.offsetAt(position)) : null;
  }

  links(uri: string) {
    const at = this.navigation(uri);
    return at ? documentLinks(at.nav) : [];
  }
}

/**
 * Let the event loop turn twice: once to read or write the stream, once more for what
 * vscode-jsonrpc queues on it (it handles and sends messages on the turn after).
 */
async function turns(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** The file of a page's URI (a Markdown file), or null. */
function pagePath(uri: string): string | null {
  const abs = pathOf(uri);
  return abs !== null && PAGE_FILE.test(abs) ? abs : null;
}

/** A file's text (a byte order mark dropped), or null when it cannot be read. */
function readText(abs: string): string | null {
  try {
    return readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}
