// Builds the .vsix: the release errcode-ls for this platform bundled under server/, the
// extension bundled by esbuild, packaged by vsce for this platform's target.
//
//   npm run package                      -> errcode-<version>-<target>.vsix in this folder
//   ERRCODE_LS_BUNDLE=/path/errcode-ls   -> bundle that binary instead of building a release one
//   ERRCODE_VSIX_OUT=/path/x.vsix        -> where to write the package
//   ERRCODE_VSCE_TARGET=alpine-x64       -> package for this vsce target instead of this platform

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const extDir = path.resolve(here, '..');
const repoRoot = path.resolve(extDir, '..', '..');
const exe = process.platform === 'win32' ? 'errcode-ls.exe' : 'errcode-ls';
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

let binary = process.env.ERRCODE_LS_BUNDLE;
if (!binary) {
  run('cargo', ['build', '--release', '--bin', 'errcode-ls'], repoRoot);
  const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(repoRoot, 'target');
  binary = path.join(targetDir, 'release', exe);
}
if (!fs.existsSync(binary)) {
  console.error(`package: no server binary at ${binary}`);
  process.exit(1);
}
fs.mkdirSync(path.join(extDir, 'server'), { recursive: true });
const bundled = path.join(extDir, 'server', exe);
fs.copyFileSync(binary, bundled);
fs.chmodSync(bundled, 0o755);

run('npm', ['run', '--silent', 'compile'], extDir);

// vsce's platform names: linux-x64, linux-arm64, darwin-arm64, win32-x64, alpine-x64, ...
// ERRCODE_VSCE_TARGET picks another platform (the release builds alpine-x64 and the others
// from binaries built elsewhere).
const target = process.env.ERRCODE_VSCE_TARGET ?? `${process.platform}-${process.arch}`;
const version = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8')).version;
const out = process.env.ERRCODE_VSIX_OUT ?? path.join(extDir, `errcode-${version}-${target}.vsix`);
const vsce = path.join(extDir, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
// The bundle carries every dependency, so node_modules stays out of the package.
run(vsce, ['package', '--no-dependencies', '--target', target, '--out', out], extDir);
console.log(`package: ${out}`);
