// Finding the server binary (src/server.ts), with stand-in executables in temp folders.
// Run by test/run.sh after esbuild has bundled src/server.ts to out/test/server.js.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { findServer, ServerNotFound } = require('../../out/test/server.js');

/** A folder with an executable `errcode-ls` printing `versionLine` for `--version`. */
function fakeServer(versionLine, exitCode = 0) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'errcode-fake-'));
  const bin = path.join(dir, 'errcode-ls');
  fs.writeFileSync(bin, `#!/bin/sh\necho '${versionLine}'\nexit ${exitCode}\n`, { mode: 0o755 });
  return { dir, bin };
}

/** An extension folder, with or without a bundled server. */
function extension(bundledVersion) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'errcode-ext-'));
  if (bundledVersion) {
    fs.mkdirSync(path.join(dir, 'server'));
    const bin = path.join(dir, 'server', 'errcode-ls');
    fs.writeFileSync(bin, `#!/bin/sh\necho '${bundledVersion}'\n`, { mode: 0o755 });
  }
  return dir;
}

const env = fakeServer('errcode-ls 1.0.0-env');
const setting = fakeServer('errcode-ls 1.0.0-setting');
const onPath = fakeServer('errcode-ls 1.0.0-path');

test('ERRCODE_LS_PATH comes first', async () => {
  const found = await findServer(extension('errcode-ls 1.0.0-bundled'), setting.bin, {
    ERRCODE_LS_PATH: env.bin,
    PATH: onPath.dir,
  });
  assert.deepEqual(found, { path: env.bin, source: 'ERRCODE_LS_PATH', version: 'errcode-ls 1.0.0-env' });
});

test('the errcode.server.path setting comes before the bundled binary', async () => {
  const found = await findServer(extension('errcode-ls 1.0.0-bundled'), setting.bin, { PATH: onPath.dir });
  assert.deepEqual(found, { path: setting.bin, source: 'errcode.server.path', version: 'errcode-ls 1.0.0-setting' });
});

test('the bundled binary comes before PATH', async () => {
  const ext = extension('errcode-ls 1.0.0-bundled');
  const found = await findServer(ext, '', { PATH: onPath.dir });
  assert.deepEqual(found, {
    path: path.join(ext, 'server', 'errcode-ls'),
    source: 'bundled',
    version: 'errcode-ls 1.0.0-bundled',
  });
});

test('PATH is the last place looked at', async () => {
  const found = await findServer(extension(), '  ', { PATH: ['/nonexistent', onPath.dir].join(path.delimiter) });
  assert.deepEqual(found, { path: onPath.bin, source: 'PATH', version: 'errcode-ls 1.0.0-path' });
});

test('nothing found: the error says what to install or set', async () => {
  await assert.rejects(findServer(extension(), '', { PATH: '/nonexistent' }), (e) => {
    assert.ok(e instanceof ServerNotFound);
    assert.match(e.message, /errcode-ls was not found/);
    assert.match(e.message, /errcode\.server\.path/);
    assert.match(e.message, /ERRCODE_LS_PATH/);
    return true;
  });
});

test('an explicit path that does not run is an error naming it, not a fall-through', async () => {
  const broken = fakeServer('segfault', 139);
  await assert.rejects(findServer(extension('errcode-ls 1.0.0-bundled'), broken.bin, { PATH: onPath.dir }), (e) => {
    assert.ok(e instanceof ServerNotFound);
    assert.match(e.message, /from errcode\.server\.path/);
    assert.ok(e.message.includes(broken.bin), e.message);
    return true;
  });
});

test('a missing file named by ERRCODE_LS_PATH is reported with the fix', async () => {
  await assert.rejects(findServer(extension('errcode-ls 1.0.0-bundled'), '', { ERRCODE_LS_PATH: '/nonexistent/errcode-ls' }), (e) => {
    assert.equal(
      e.message,
      'errcode-ls from ERRCODE_LS_PATH (/nonexistent/errcode-ls) does not run: there is no such file; fix or unset ERRCODE_LS_PATH.',
    );
    return true;
  });
});

test('a binary whose --version is not errcode-ls is refused', async () => {
  const other = fakeServer('some-other-tool 2.0');
  await assert.rejects(findServer(extension(), '', { ERRCODE_LS_PATH: other.bin }), (e) => {
    assert.ok(e instanceof ServerNotFound);
    assert.match(e.message, /printed "some-other-tool 2.0"/);
    return true;
  });
});
