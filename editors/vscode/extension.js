// Starts `compatlint lsp` for the workspace and connects VS Code to it. Everything else (what
// is checked, fixes, hovers, links) is the server's; see docs/editors.md.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/** The command to run: the setting, else the workspace's own install, else the PATH. */
function compatlintCommand(folder) {
  const configured = vscode.workspace.getConfiguration('compatlint').get('path');
  if (configured) return configured;
  if (folder) {
    const local = path.join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'compatlint.cmd' : 'compatlint');
    if (fs.existsSync(local)) return local;
  }
  return 'compatlint';
}

async function activate(context) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const server = {
    command: compatlintCommand(folder),
    args: ['lsp', ...vscode.workspace.getConfiguration('compatlint').get('args', [])],
    // The client adds --stdio; a .cmd shim on Windows needs a shell to start.
    transport: TransportKind.stdio,
    options: { cwd: folder?.uri.fsPath, shell: process.platform === 'win32' },
  };
  client = new LanguageClient('compatlint', 'compatlint', { run: server, debug: server }, {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/*.mdx' },
      // Saving the config reloads it.
      { scheme: 'file', pattern: '**/compatlint.config.{json,yaml,yml}' },
    ],
  });
  context.subscriptions.push(
    vscode.commands.registerCommand('compatlint.restart', () => client.restart()),
  );
  await client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
