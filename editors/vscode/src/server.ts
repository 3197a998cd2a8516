// Finding the errcode-ls binary. Owns the discovery order and the `--version` check; it must
// NOT start the language server (extension.ts does, through one restart path).

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where a candidate binary came from, named in logs and errors so users know what to change. */
export type ServerSource = 'ERRCODE_LS_PATH' | 'errcode.server.path' | 'bundled' | 'PATH';

export interface FoundServer {
  path: string;
  source: ServerSource;
  version: string;
}

export class ServerNotFound extends Error {}

const exe = process.platform === 'win32' ? 'errcode-ls.exe' : 'errcode-ls';

/**
 * Finds the server in the documented order: the `ERRCODE_LS_PATH` environment variable, the
 * `errcode.server.path` setting, the binary bundled in the extension, then `PATH`. An explicit
 * choice (the first two) that does not work is an error rather than a silent fall-through:
 * the user asked for that binary and should hear why it was not used.
 */
export async function findServer(
  extensionPath: string,
  settingPath: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<FoundServer> {
  const explicit: Array<[ServerSource, string | undefined]> = [
    ['ERRCODE_LS_PATH', env.ERRCODE_LS_PATH],
    ['errcode.server.path', settingPath],
  ];
  for (const [source, candidate] of explicit) {
    if (candidate && candidate.trim() !== '') {
      const resolved = expandHome(candidate.trim(), env);
      const version = await checkVersion(resolved).catch((e: Error) => {
        const fix = source === 'ERRCODE_LS_PATH' ? 'fix or unset ERRCODE_LS_PATH' : 'fix or clear the errcode.server.path setting';
        throw new ServerNotFound(`errcode-ls from ${source} (${resolved}) does not run: ${e.message}; ${fix}.`);
      });
      return { path: resolved, source, version };
    }
  }
  const bundled = path.join(extensionPath, 'server', exe);
  if (fs.existsSync(bundled)) {
    const version = await checkVersion(bundled).catch((e: Error) => {
      throw new ServerNotFound(`the errcode-ls bundled with the extension (${bundled}) does not run: ${e.message}`);
    });
    return { path: bundled, source: 'bundled', version };
  }
  const onPath = searchPath(exe, env);
  if (onPath) {
    const version = await checkVersion(onPath).catch((e: Error) => {
      throw new ServerNotFound(`errcode-ls on PATH (${onPath}) does not run: ${e.message}`);
    });
    return { path: onPath, source: 'PATH', version };
  }
  throw new ServerNotFound(
    'errcode-ls was not found. Install it (`cargo install --path server` in the errcode-ls repository) ' +
      'and put it on PATH, or set `errcode.server.path` (or the ERRCODE_LS_PATH environment variable) to the binary.',
  );
}

/** Runs `BIN --version` and answers its first line, e.g. `errcode-ls 0.1.0`. */
export function checkVersion(bin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!fs.existsSync(bin)) {
      reject(new Error('there is no such file'));
      return;
    }
    execFile(bin, ['--version'], { timeout: 10_000 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(stderr.trim() || err.message));
        return;
      }
      const line = stdout.split('\n')[0].trim();
      if (!line.startsWith('errcode-ls')) {
        reject(new Error(`\`--version\` printed "${line}", not "errcode-ls <version>"`));
        return;
      }
      resolve(line);
    });
  });
}

function searchPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here; keep looking.
    }
  }
  return undefined;
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  if (p === '~' || p.startsWith('~/')) return path.join(env.HOME ?? '', p.slice(1));
  return p;
}
