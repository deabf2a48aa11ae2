/**
 * A language client as an editor is one, for the benchmark and the tests: it starts
 * `compatlint lsp` as a child process and speaks JSON-RPC to it over the child's standard input
 * and output (vscode-jsonrpc, the library VS Code's own client is built on).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Array<{ range: Range; message: string; code?: string | number; severity?: number; source?: string; relatedInformation?: unknown[] }>;
  /** performance.now() when it arrived. */
  at: number;
}

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export class LspClient {
  readonly published: Published[] = [];
  readonly messages: Array<{ type: number; message: string }> = [];
  /** What the server wrote to the editor's log (`window/logMessage`). */
  readonly log: string[] = [];
  private stderrText = '';
  private readonly waiters: Array<() => void> = [];
  private progressEnds = 0;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrText += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    connection.onNotification('textDocument/publishDiagnostics', (params: Omit<Published, 'at'>) => {
      this.published.push({ ...params, at: performance.now() });
      this.wake();
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.wake();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.log.push(params.message);
    });
    connection.onNotification('$/progress', (params: { value?: { kind?: string } }) => {
      if (params.value?.kind === 'end') this.progressEnds++;
      this.wake();
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
  }

  /** Start `node <script> <args>` in `cwd` and connect to it. */
  static start(script: string, args: readonly string[], cwd: string): LspClient {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    return new LspClient(child, connection);
  }

  get stderr(): string {
    return this.stderrText;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Wait until `ready` holds (checked again on every notification), or fail after `timeoutMs`. */
  async until<T>(ready: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const value = ready();
      if (value !== undefined) return value;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderrText.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The `n`th publication for `uri` from index `from` of `published` on (1 for the first). */
  nthDiagnostics(uri: string, from: number, n = 1, version?: number): Promise<Published> {
    return this.until(() => this.published.slice(from).filter((p) => p.uri === uri && (version === undefined || p.version === version))[n - 1], `diagnostics #${n} for ${uri}`);
  }

  /** Wait for the `n`th work-done progress to end (the server's "loading pages"). */
  progressEnded(n = 1): Promise<true> {
    return this.until(() => (this.progressEnds >= n ? true : undefined), 'the end of loading');
  }

  /** `initialize` and `initialized`; `watchFiles: false` plays an editor that does not watch files for the server. */
  async initialize(rootUri: string, { watchFiles = true } = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'root' }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: watchFiles } },
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true }, hover: { contentFormat: ['markdown'] } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  /** An edit as editors send one: the text of a range replaced (incremental sync). */
  change(uri: string, version: number, range: Range, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** `shutdown`, then `exit`: resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.child.kill();
  }
}
