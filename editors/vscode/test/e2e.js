// What a user sees in VS Code (code-server) with the errcode extension installed, driven by
// headless Chromium. Started by test/run.sh, which installs the .vsix and starts code-server.
// Prints `ok - NAME` / `not ok - NAME` per test; exits non-zero when any failed.

const { chromium } = require('playwright-core');
const fs = require('node:fs');
const path = require('node:path');

const URL = process.env.ERRCODE_E2E_URL;
const SHOTS = process.env.ERRCODE_E2E_SHOTS;
const CATALOG = process.env.ERRCODE_E2E_CATALOG;
const README_SHOT = process.env.ERRCODE_E2E_README_SHOT;
const LOGS = process.env.ERRCODE_E2E_LOGS;
const WS = process.env.ERRCODE_E2E_WS;
for (const [k, v] of Object.entries({ URL, SHOTS, CATALOG, LOGS, WS })) {
  if (!v) throw new Error(`missing ERRCODE_E2E_${k} (use test/run.sh)`);
}

let page;
let passed = 0;
let failed = 0;
const t0 = Date.now();
const lap = (m) => console.log(`#   [${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}`);
    for (const line of String(e && e.stack ? e.stack : e).split('\n').slice(0, 8)) console.log(`#   ${line}`);
    const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60);
    await page.screenshot({ path: path.join(SHOTS, `fail-${slug}.png`) }).catch(() => {});
  }
  await page.keyboard.press('Escape').catch(() => {});
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

/** The line (1-based) of a catalog's table row whose code cell is `code`. */
function catalogLine(file, code) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const re = new RegExp(`^\\|[^|]*\\|\\s*${code.replace('.', '\\.')}\\s*\\|`);
  const i = lines.findIndex((l) => re.test(l));
  check(i >= 0, `${code} has no table row in ${file}`);
  return i + 1;
}

/** How many lines of the extension's log files called `name` match `re`. */
function countInLogs(name, re) {
  let n = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === name) n += fs.readFileSync(p, 'utf8').split('\n').filter((l) => re.test(l)).length;
    }
  };
  walk(LOGS);
  return n;
}

const activeEditor = '.part.editor .editor-group-container.active .monaco-editor';

/** Opens a workspace file with Quick Open; retried because keybindings can be late at load. */
async function openFile(name) {
  for (let i = 0; i < 5; i++) {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    if (i % 2 === 0) {
      await page.keyboard.press('Control+P');
    } else {
      // Keyboard focus can be left somewhere Ctrl+P does not reach (e.g. after a hover):
      // the title bar's search box opens the same Quick Open.
      await page.locator('.command-center-center').first().click({ timeout: 2000 }).catch(() => {});
    }
    try {
      await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 5000 });
      await page.keyboard.type(name);
      // Click the row rather than Enter: Enter takes whichever row is focused, which can still
      // be the previous list's while the filter is being applied.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click({ timeout: 5000 });
      await page.locator('.tab.active', { hasText: name }).first().waitFor({ timeout: 5000 });
      await page.locator(`${activeEditor} .view-lines`).first().waitFor({ timeout: 10000 });
      return;
    } catch (e) {
      lap(`quick open retry (${name}): ${e.message.split('\n').slice(0, 3).join(' | ')}`);
      await page.screenshot({ path: path.join(SHOTS, `retry-open-${name}-${i}.png`) });
      await page.waitForTimeout(1000);
    }
  }
  throw new Error(`could not open ${name}`);
}

/**
 * The screen point on the second character of the first occurrence of `text` in the editor.
 * Walks the line's text nodes: tokens and decorations may split a code over several spans.
 */
async function pointOn(text) {
  const p = await page.evaluate(
    ([sel, text]) => {
      for (const line of document.querySelectorAll(`${sel} .view-lines .view-line`)) {
        let at = line.textContent.indexOf(text);
        if (at < 0) continue;
        at += 1;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (at < node.length) {
            const r = document.createRange();
            r.setStart(node, at);
            r.setEnd(node, at + 1);
            const b = r.getBoundingClientRect();
            return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
          }
          at -= node.length;
        }
      }
      return null;
    },
    [activeEditor, text],
  );
  check(p, `"${text}" is not visible in the editor`);
  return p;
}

async function clickOn(text) {
  const p = await pointOn(text);
  await page.mouse.click(p.x, p.y);
}

/** Hovers `text` until a hover containing `expect` shows; answers the hover's text. */
async function hoverOn(text, expect) {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
  for (let i = 0; i < 30; i++) {
    const p = await pointOn(text);
    await page.mouse.move(5, 5);
    await page.mouse.move(p.x, p.y, { steps: 4 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 2000 });
      return (await hover.innerText()).replace(/\s+/g, ' ');
    } catch {
      // The server may still be starting; hover again.
    }
  }
  throw new Error(`no hover with "${expect}" on ${text}`);
}

async function editorText() {
  return page.evaluate(
    (sel) => (document.querySelector(`${sel} .view-lines`)?.textContent ?? '').replace(/\u00a0/g, ' '),
    activeEditor,
  );
}

async function runCommand(title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 5000 });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click({ timeout: 5000 });
}

/**
 * Presses Ctrl+. until the quick-fix menu shows an item containing `text` (diagnostics, and so
 * the fixes, may not be there yet); answers whether it did.
 */
async function quickFixMenuWith(text) {
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    try {
      await page.locator('.action-widget .monaco-list-row', { hasText: text }).first()
        .waitFor({ state: 'visible', timeout: 2000 });
      return true;
    } catch {
      // Not yet: ask again.
    }
  }
  return false;
}

async function cursorLine() {
  const status = page.locator('[id="status.editor.selection"]');
  await status.waitFor({ timeout: 5000 });
  const m = /Ln (\d+)/.exec(await status.innerText());
  check(m, 'no "Ln N" in the status bar');
  return Number(m[1]);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => {
    if (/errcode/i.test(m.text())) lap(`[console] ${m.type()} ${m.text().slice(0, 200)}`);
  });
  await page.goto(URL);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  lap('workbench loaded');

  await test('hovering a code in a Python file shows its catalog card', async () => {
    await openFile('client.py');
    const text = await hoverOn('AIS.0101', 'The input parameter is invalid.');
    lap(`hover: ${text.slice(0, 160)}`);
    check(text.includes('AIS.0101'), `the card does not name the code: ${text}`);
    await page.screenshot({ path: path.join(SHOTS, 'hover.png') });
    if (README_SHOT) {
      // A small picture for the README: the code's line and the card below or above it.
      const box = await page.locator('.monaco-hover:not(.hidden)').first().boundingBox();
      const lines = await page.locator(`${activeEditor} .view-lines`).first().boundingBox();
      const p = await pointOn('AIS.0101');
      const left = Math.max(0, lines.x - 12);
      const right = Math.min(1280, Math.max(box.x + box.width, p.x + 200) + 12);
      const top = Math.max(0, Math.min(box.y - 10, p.y - 52));
      const bottom = Math.min(800, Math.max(box.y + box.height, p.y + 20) + 10);
      await page.screenshot({ path: README_SHOT, clip: { x: left, y: top, width: right - left, height: bottom - top } });
    }
  });

  await test('an unknown code shows an errcode unknown-code problem', async () => {
    await openFile('client.py');
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'AIS.0110' }).first();
    await row.waitFor({ timeout: 20000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    lap(`problem: ${text}`);
    // Rendered as "errcode(unknown-code)" or "errcode unknown-code", depending on the version.
    check(/errcode\s*\(?unknown-code\)?/.test(text), `the problem is not errcode(unknown-code): ${text}`);
    await page.screenshot({ path: path.join(SHOTS, 'problems.png') });
  });

  await test('changing errcode.rules in the settings applies without a restart', async () => {
    await openFile('client.py');
    const errors = async () => {
      const label = (await page.locator('[id="status.problems"]').first().getAttribute('aria-label')) ?? '';
      // "Errors: 1, Warnings: 2"; a count of zero is left out ("Warnings: 1", "No Problems").
      check(/Errors?:|Warnings?:|No Problems/i.test(label), `no problem counts in the status bar: "${label}"`);
      const m = /Errors?:\s*(\d+)/i.exec(label);
      return m ? Number(m[1]) : 0;
    };
    const waitErrors = async (n) => {
      for (let i = 0; i < 100; i++) {
        if ((await errors()) === n) return;
        await page.waitForTimeout(100);
      }
      throw new Error(`the status bar shows ${await errors()} errors, expected ${n}`);
    };
    await waitErrors(0); // unknown-code is a warning by default
    const starts = countInLogs('errcode.log', /starting errcode-ls/);
    // The workspace's .vscode/settings.json, written as another program (or git) would.
    const file = path.join(WS, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ 'errcode.rules': { 'unknown-code': 'error' } }, null, 2));
    try {
      await waitErrors(1);
    } finally {
      fs.rmSync(file);
    }
    await waitErrors(0);
    check(countInLogs('errcode.log', /starting errcode-ls/) === starts, 'the server was restarted');
  });

  await test('the quick fix chosen with Ctrl+. replaces the unknown code', async () => {
    await openFile('client.py');
    await clickOn('AIS.0110');
    // The menu opens on the preferred fix; move down to the first "Replace with" and press
    // Enter, as a keyboard user does.
    const focused = page.locator('.action-widget .monaco-list-row.focused').first();
    check(await quickFixMenuWith('Replace with'), 'no "Replace with" quick fix offered');
    let title;
    for (let i = 0; i < 10; i++) {
      title = (await focused.innerText()).trim();
      if (title.startsWith('Replace with')) break;
      await page.keyboard.press('ArrowDown');
    }
    const m = /^Replace with (\S+)/.exec(title);
    check(m, `no "Replace with" item could be focused (last: ${title})`);
    const replacement = m[1];
    lap(`quick fix: ${title}`);
    await page.screenshot({ path: path.join(SHOTS, 'quickfix.png') });
    await page.keyboard.press('Enter');
    for (let i = 0; i < 50; i++) {
      const text = await editorText();
      if (!text.includes('AIS.0110') && text.includes(`error_code == "${replacement}"`)) return;
      await page.waitForTimeout(100);
    }
    throw new Error(`the editor text did not change to ${replacement}: ${await editorText()}`);
  });

  await test('go to definition (F12) opens the catalog at the code entry', async () => {
    await openFile('client.py');
    await clickOn('ModelArts.4204');
    await page.keyboard.press('F12');
    await page.locator('.tab.active', { hasText: 'huawei-cloud-ocr.rst' }).first().waitFor({ timeout: 10000 });
    const expected = catalogLine(CATALOG, 'ModelArts.4204');
    let line;
    for (let i = 0; i < 20 && line !== expected; i++) {
      line = await cursorLine();
      if (line !== expected) await page.waitForTimeout(100);
    }
    check(line === expected, `cursor on line ${line}, the entry is on line ${expected}`);
    await page.screenshot({ path: path.join(SHOTS, 'definition.png') });
  });

  await test('hovering a code in a log file shows its card', async () => {
    await openFile('service.log');
    await hoverOn('AIS.0103', 'The image size does not meet the requirements.');
  });

  await test('"errcode: Scan Log File" opens a Markdown report of the active log', async () => {
    await openFile('service.log');
    await runCommand('errcode: Scan Log File');
    await page.locator('.tab.active', { hasText: 'service.log.errcode.md' }).first().waitFor({ timeout: 30000 });
    const text = await editorText();
    lap(`report: ${text.slice(0, 200)}`);
    check(text.includes('Error codes in'), `the report has no title: ${text.slice(0, 300)}`);
    check(text.includes('`AIS.0103`'), `the report does not list AIS.0103: ${text.slice(0, 300)}`);
    check(/service\.log#L\d+/.test(text), `the report has no links to lines: ${text.slice(0, 300)}`);
    await page.screenshot({ path: path.join(SHOTS, 'scan-report.png') });
  });

  await test('"errcode: Scan Log File" draws the codes over time in a webview', async () => {
    await page.locator('.tab', { hasText: 'service.log over time' }).first().waitFor({ timeout: 10000 });
    for (let i = 0; i < 50; i++) {
      for (const frame of page.frames()) {
        const drawn = await frame
          .evaluate(() => {
            const svg = document.getElementById('timeline-chart');
            if (!svg) return null;
            const data = JSON.parse(document.getElementById('timeline-data').textContent);
            const lines = [...svg.querySelectorAll('polyline.series')];
            return {
              data,
              codes: lines.map((l) => l.dataset.code),
              counts: lines.map((l) => l.dataset.counts),
              widths: lines.map((l) => l.getBBox().width),
            };
          })
          .catch(() => null);
        if (!drawn) continue;
        lap(`timeline: ${JSON.stringify(drawn.codes)} ${JSON.stringify(drawn.counts)}`);
        check(drawn.codes.length === drawn.data.series.length && drawn.codes.length > 0, 'one line per top code');
        check(drawn.codes.includes('AIS.0103') && drawn.codes.includes('APIG.0308'), `codes drawn: ${drawn.codes}`);
        drawn.data.series.forEach((s, k) => {
          check(drawn.counts[k] === s.counts.join(','), `${s.code}: drawn ${drawn.counts[k]}, data ${s.counts}`);
        });
        check(drawn.widths.every((w) => w > 100), `the lines span the chart: ${drawn.widths}`);
        await page.screenshot({ path: path.join(SHOTS, 'scan-timeline.png') });
        await page.locator('.tab', { hasText: 'service.log over time' }).first().locator('.codicon-close').click();
        return;
      }
      await page.waitForTimeout(200);
    }
    throw new Error('the timeline webview does not show the chart');
  });

  await test('"errcode: Explain Code at Cursor" shows the card beside the editor', async () => {
    await openFile('client.py');
    await clickOn('APIG.0308');
    await runCommand('errcode: Explain Code at Cursor');
    await page.locator('.tab', { hasText: 'errcode: APIG.0308' }).first().waitFor({ timeout: 10000 });
    for (let i = 0; i < 50; i++) {
      for (const frame of page.frames()) {
        const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (text.includes('APIG.0308') && text.includes('The throttling threshold has been reached')) {
          await page.screenshot({ path: path.join(SHOTS, 'explain.png') });
          await page.locator('.tab', { hasText: 'errcode: APIG.0308' }).first().locator('.codicon-close').click();
          return;
        }
      }
      await page.waitForTimeout(200);
    }
    throw new Error('the explain panel does not show the card');
  });

  await test('"errcode: Open Catalog" finds an entry by message words and opens it', async () => {
    await openFile('client.py');
    await runCommand('errcode: Open Catalog');
    await page.locator('.quick-input-widget input[placeholder^="Search the catalog"]').waitFor({ timeout: 5000 });
    await page.keyboard.type('not subscribed');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'ModelArts.4204' }).first();
    await row.waitFor({ timeout: 10000 });
    // The list is refreshed (debounced) as the server answers the typed query: let it settle.
    await page.waitForTimeout(400);
    await row.click();
    await page.locator('.tab.active', { hasText: 'huawei-cloud-ocr.rst' }).first().waitFor({ timeout: 10000 });
    const expected = catalogLine(CATALOG, 'ModelArts.4204');
    let line;
    for (let i = 0; i < 20 && line !== expected; i++) {
      line = await cursorLine();
      if (line !== expected) await page.waitForTimeout(100);
    }
    check(line === expected, `cursor on line ${line}, the entry is on line ${expected}`);
  });

  await test('"errcode: Restart Server" restarts it and hover works again', async () => {
    await openFile('client.py');
    const starts = () => countInLogs('errcode.log', /starting errcode-ls .* from bundled/);
    const before = starts();
    check(before >= 1, 'the "errcode" log does not show the server starting from the bundled binary');
    await runCommand('errcode: Restart Server');
    for (let i = 0; i < 50 && starts() === before; i++) await page.waitForTimeout(100);
    check(starts() === before + 1, `the server was not started again (${starts()} starts logged)`);
    await openFile('client.py');
    await hoverOn('APIG.0308', 'The throttling threshold has been reached');
  });

  await test('a wrong errcode.server.path is reported clearly; clearing it starts the bundled server', async () => {
    await openFile('client.py');
    const bundledStarts = () => countInLogs('errcode.log', /starting errcode-ls .* from bundled/);
    const before = bundledStarts();
    const file = path.join(WS, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ 'errcode.server.path': '/nonexistent/errcode-ls' }));
    try {
      const toast = page.locator('.notification-toast', { hasText: '/nonexistent/errcode-ls' }).first();
      await toast.waitFor({ timeout: 10000 });
      const text = (await toast.innerText()).replace(/\s+/g, ' ');
      lap(`error: ${text}`);
      check(text.includes('there is no such file; fix or clear the errcode.server.path setting'), `the error does not say what is wrong and what to do: ${text}`);
      check(text.includes('Open Settings'), `the error offers no way to the setting: ${text}`);
      await page.screenshot({ path: path.join(SHOTS, 'server-path-error.png') });
    } finally {
      fs.rmSync(file);
    }
    for (let i = 0; i < 100 && bundledStarts() === before; i++) await page.waitForTimeout(100);
    check(bundledStarts() === before + 1, 'the bundled server was not started again');
    await hoverOn('AIS.0101', 'The input parameter is invalid.');
  });

  await test('a switch missing codes is reported, and Ctrl+. "Add 2 missing arms" writes them', async () => {
    await openFile('handler.ts');
    await clickOn('(code)');
    check(await quickFixMenuWith('Add 2 missing arms'), 'no "Add 2 missing arms" quick fix offered on the switch');
    await page.screenshot({ path: path.join(SHOTS, 'add-missing-arms.png') });
    // The preferred fix is focused when the menu opens; Enter applies it, as a keyboard user does.
    const focused = page.locator('.action-widget .monaco-list-row.focused').first();
    for (let i = 0; i < 10 && !(await focused.innerText()).includes('Add 2 missing arms'); i++) {
      await page.keyboard.press('ArrowDown');
    }
    check((await focused.innerText()).includes('Add 2 missing arms'), 'the fix could not be focused');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 50; i++) {
      const text = await editorText();
      if (text.includes('case "AIS.0104":') && text.includes('case "AIS.0105":')) {
        check(text.includes('throw new Error("unhandled error code AIS.0105");'), `no placeholder body: ${text}`);
        return;
      }
      await page.waitForTimeout(100);
    }
    throw new Error(`the missing arms were not added: ${await editorText()}`);
  });

  await test('Ctrl+. "Add AIS.0117 to the project catalog" writes the catalog and the code becomes known', async () => {
    await openFile('gateway.py');
    await clickOn('AIS.0117');
    const title = 'Add AIS.0117 to the project catalog';
    check(await quickFixMenuWith(title), `no "${title}" action offered`);
    const focused = page.locator('.action-widget .monaco-list-row.focused').first();
    for (let i = 0; i < 10 && !(await focused.innerText()).includes(title); i++) {
      await page.keyboard.press('ArrowDown');
    }
    check((await focused.innerText()).includes(title), 'the action could not be focused');
    await page.screenshot({ path: path.join(SHOTS, 'add-to-catalog.png') });
    await page.keyboard.press('Enter');
    const catalog = path.join(WS, 'errcode-catalog.toml');
    for (let i = 0; i < 100 && !fs.existsSync(catalog); i++) await page.waitForTimeout(100);
    check(fs.existsSync(catalog), 'errcode-catalog.toml was not written');
    const entry = fs.readFileSync(catalog, 'utf8');
    check(entry.includes('code = "AIS.0117"') && entry.includes('message = ""'), `no entry for AIS.0117: ${entry}`);
    const config = fs.readFileSync(path.join(WS, 'errcode.toml'), 'utf8');
    check(config.startsWith('# Marks the project root'), `errcode.toml lost its comment: ${config}`);
    check(config.includes('catalogs = ["errcode-catalog.toml"]'), `errcode.toml does not list the catalog: ${config}`);
    const text = await hoverOn('AIS.0117', 'no message yet');
    lap(`hover: ${text.slice(0, 160)}`);
    check(text.includes('added in errcode-catalog.toml'), `the card does not say where the code was added: ${text}`);
  });

  await browser.close();
  console.log(`# vscode e2e: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})().catch(async (e) => {
  console.log(`not ok - the test driver crashed`);
  console.log(`#   ${String(e && e.stack ? e.stack : e).split('\n').join('\n#   ')}`);
  if (page) await page.screenshot({ path: path.join(SHOTS, 'crash.png') }).catch(() => {});
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
