// The VS Code client for errcode-ls. Owns the client's life cycle (one restart path), the
// commands and the settings push; it must NOT know anything about error codes or catalogs
// itself: every answer comes from the server.

import * as path from 'path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  HoverRequest,
  LanguageClient,
  LanguageClientOptions,
  MarkupContent,
  RevealOutputChannelOn,
  ServerOptions,
  SymbolInformation,
  WorkspaceSymbol,
  WorkspaceSymbolRequest,
} from 'vscode-languageclient/node';

import { findServer, ServerNotFound } from './server';
import { serverSettings } from './settings';

let client: LanguageClient | undefined;
let log: vscode.LogOutputChannel;
let traceLog: vscode.LogOutputChannel;
let explainPanel: vscode.WebviewPanel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  log = vscode.window.createOutputChannel('errcode', { log: true });
  traceLog = vscode.window.createOutputChannel('errcode Trace', { log: true });
  context.subscriptions.push(
    log,
    traceLog,
    vscode.commands.registerCommand('errcode.restart', () => restart(context)),
    vscode.commands.registerCommand('errcode.explain', explainAtCursor),
    vscode.commands.registerCommand('errcode.openCatalog', openCatalog),
    vscode.commands.registerCommand('errcode.scanLog', scanLogFile),
    vscode.workspace.onDidChangeConfiguration((e) => onConfigurationChanged(e, context)),
    // Trust changes what may be sent (`remoteCatalogs`); push the settings again.
    vscode.workspace.onDidGrantWorkspaceTrust(() => pushSettings()),
  );
  await restart(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** The only way the server is (re)started: stops the running client, finds the binary anew. */
async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  const settingPath = vscode.workspace.getConfiguration('errcode').get<string>('server.path', '');
  let found;
  try {
    found = await findServer(context.extensionPath, settingPath);
  } catch (e) {
    const message = e instanceof ServerNotFound ? e.message : `errcode-ls could not be started: ${String(e)}`;
    log.error(message);
    void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Log').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'errcode.server.path');
      } else if (choice === 'Show Log') {
        log.show();
      }
    });
    return;
  }
  log.info(`starting ${found.version} from ${found.source}: ${found.path}`);

  const serverOptions: ServerOptions = {
    run: { command: found.path, args: ['lsp'] },
    debug: { command: found.path, args: ['lsp'], options: { env: { ...process.env, RUST_LOG: 'debug' } } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every file: error codes show up in source of any language, in logs and in plain text.
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    initializationOptions: serverSettings(),
    outputChannel: log,
    traceOutputChannel: traceLog,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      workspace: {
        // Answer `workspace/configuration` pulls with the same explicit settings as the push.
        configuration: (params) =>
          params.items.map((item) => {
            if (item.section !== undefined && item.section !== 'errcode') return null;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return serverSettings(scope);
          }),
      },
    },
  };
  // The id `errcode` makes the client read `errcode.trace.server` by itself.
  client = new LanguageClient('errcode', 'errcode', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    log.error(`errcode-ls failed to start: ${String(e)}`);
    void vscode.window.showErrorMessage(`errcode-ls failed to start: ${String(e)}`);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (e) {
      log.warn(`errcode-ls did not stop cleanly: ${String(e)}`);
    }
  }
}

function onConfigurationChanged(e: vscode.ConfigurationChangeEvent, context: vscode.ExtensionContext): void {
  if (!e.affectsConfiguration('errcode')) return;
  if (e.affectsConfiguration('errcode.server.path')) {
    log.info('errcode.server.path changed; restarting');
    void restart(context);
    return;
  }
  pushSettings();
}

/** Pushed live: the server re-reads the catalogs and refreshes diagnostics without a restart. */
function pushSettings(): void {
  if (client?.isRunning()) {
    void client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { errcode: serverSettings() },
    });
  }
}

/** "errcode: Explain Code at Cursor": the server's hover card, rendered in a side panel. */
async function explainAtCursor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('errcode: open a file and put the cursor on an error code.');
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('errcode: the server is not running (see the "errcode" output).');
    return;
  }
  const params = client.code2ProtocolConverter.asTextDocumentPositionParams(
    editor.document,
    editor.selection.active,
  );
  const hover = await client.sendRequest(HoverRequest.type, params);
  const markdown = hover ? hoverMarkdown(hover.contents) : '';
  if (markdown.trim() === '') {
    void vscode.window.showInformationMessage('errcode: no error code at the cursor.');
    return;
  }
  const code = hover?.range
    ? editor.document.getText(client.protocol2CodeConverter.asRange(hover.range))
    : editor.document.getText(editor.document.getWordRangeAtPosition(editor.selection.active, /[\w.-]+/));
  const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
  if (!explainPanel) {
    explainPanel = vscode.window.createWebviewPanel('errcode.explain', '', {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
    });
    explainPanel.onDidDispose(() => (explainPanel = undefined));
  }
  explainPanel.title = `errcode: ${code}`;
  explainPanel.webview.html = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
code { font-family: var(--vscode-editor-font-family); }</style>
</head><body class="errcode-card">${html}</body></html>`;
  explainPanel.reveal(vscode.ViewColumn.Beside, true);
}

function hoverMarkdown(contents: unknown): string {
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(hoverMarkdown).join('\n\n');
  if (contents && typeof contents === 'object' && 'value' in contents) {
    const c = contents as MarkupContent | { language: string; value: string };
    return 'language' in c ? '```' + c.language + '\n' + c.value + '\n```' : c.value;
  }
  return '';
}

/**
 * "errcode: Open Catalog": the catalog entries as the server lists them (workspace symbols),
 * filtered as the user types; picking one opens its catalog at the entry.
 */
async function openCatalog(): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('errcode: the server is not running (see the "errcode" output).');
    return;
  }
  const running = client;
  type Item = vscode.QuickPickItem & { symbol: SymbolInformation | WorkspaceSymbol };
  const pick = vscode.window.createQuickPick<Item>();
  pick.placeholder = 'Search the catalog by code or message words';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  // Answers can arrive out of order while the user types: only the latest query's are shown.
  let latest = 0;
  const load = async (query: string) => {
    const seq = ++latest;
    pick.busy = true;
    try {
      const symbols = (await running.sendRequest(WorkspaceSymbolRequest.type, { query })) ?? [];
      if (seq !== latest) return;
      pick.items = symbols.map((symbol) => ({
        label: symbol.name,
        description: symbol.containerName,
        symbol,
      }));
      if (symbols.length === 0 && query === '') {
        pick.placeholder = 'Type a code or words of a message';
      }
    } catch (e) {
      log.error(`workspace/symbol failed: ${String(e)}`);
    } finally {
      if (seq === latest) pick.busy = false;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  pick.onDidChangeValue((value) => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(value), 100);
  });
  pick.onDidAccept(async () => {
    const chosen = pick.selectedItems[0];
    pick.hide();
    if (!chosen) return;
    const location = chosen.symbol.location;
    const uri = vscode.Uri.parse(location.uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const selection = 'range' in location ? running.protocol2CodeConverter.asRange(location.range) : undefined;
    await vscode.window.showTextDocument(document, { selection });
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
  await load('');
}

/**
 * The scan's HTML report — the codes over time, drawn as SVG — in a webview beside the Markdown
 * report. The page runs no script; the policy allows its inline styles and nothing else.
 */
async function showTimeline(log: vscode.Uri, html: vscode.Uri): Promise<void> {
  const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(html));
  const policy =
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\';">';
  const panel = vscode.window.createWebviewPanel(
    'errcode.timeline',
    `errcode: ${path.basename(log.fsPath)} over time`,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: false },
  );
  panel.webview.html = page.replace('<head>', `<head>\n${policy}`);
}

/**
 * "errcode: Scan Log File": the server reads the file from disk (VS Code does not send files
 * over 50 MB to servers), writes a Markdown report of its codes and this opens it. The file is
 * the argument when given (explorer menu, other extensions), else the active tab's file, else
 * one the user picks.
 */
async function scanLogFile(given?: vscode.Uri): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('errcode: the server is not running (see the "errcode" output).');
    return;
  }
  const running = client;
  let file = given instanceof vscode.Uri ? given : undefined;
  if (!file) {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputText && input.uri.scheme === 'file') file = input.uri;
  }
  if (!file) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Scan' });
    file = picked?.[0];
  }
  if (!file) return;
  const target = file;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `errcode: scanning ${target.fsPath}` },
      () =>
        running.sendRequest(ExecuteCommandRequest.type, {
          command: 'errcode.scanLogFile',
          arguments: [target.toString()],
        }),
    );
    const answer = result as { report?: string; html?: string } | null;
    const report = answer?.report;
    if (!report) throw new Error('the server answered without a report');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(report));
    await vscode.window.showTextDocument(document, { preview: false });
    if (answer?.html) await showTimeline(target, vscode.Uri.file(answer.html));
  } catch (e) {
    log.error(`errcode.scanLogFile failed: ${String(e)}`);
    void vscode.window.showErrorMessage(`errcode: could not scan ${target.fsPath}: ${String(e)}`);
  }
}
