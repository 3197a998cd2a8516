// The `errcode.*` settings the server reads. Owns which keys are sent and in what shape; it must
// NOT interpret them (the server applies the same rules as for errcode.toml).

import * as vscode from 'vscode';

/** Keys passed to the server under the `errcode` section, as errcode.toml spells them. */
const SERVER_KEYS = [
  'catalogs',
  'builtin',
  'rules',
  'ignoreCodes',
  'exclude',
  'expected',
  'defaultSignifiesExhaustive',
  'inlayHints',
  'remoteCatalogs',
] as const;

/**
 * The settings the user has set, and only those. Defaults are left out on purpose: sending
 * `builtin: true` by default would override `builtin = false` in the project's errcode.toml,
 * since editor settings are applied on top of the file.
 */
export function serverSettings(scope?: vscode.ConfigurationScope): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('errcode', scope);
  const out: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    if (key === 'inlayHints') {
      const hints: Record<string, boolean> = {};
      for (const kind of ['source', 'logs']) {
        const value = explicitValue<boolean>(config, `inlayHints.${kind}`);
        if (value !== undefined) hints[kind] = value;
      }
      if (Object.keys(hints).length > 0) out.inlayHints = hints;
      continue;
    }
    if (key === 'remoteCatalogs') {
      // Fetching is the user's decision, never a workspace's: in an untrusted workspace the
      // server is told not to fetch, whatever any configuration file says.
      const value = vscode.workspace.isTrusted ? explicitValue<boolean>(config, key) : false;
      if (value !== undefined) out[key] = value;
      continue;
    }
    const value = explicitValue(config, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The most specific value the user set for `key`, or undefined when only the default applies. */
function explicitValue<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const i = config.inspect<T>(key);
  if (!i) return undefined;
  return i.workspaceFolderLanguageValue ??
    i.workspaceLanguageValue ??
    i.globalLanguageValue ??
    i.workspaceFolderValue ??
    i.workspaceValue ??
    i.globalValue;
}
