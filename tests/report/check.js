// Opens the HTML report of `errcode-ls scan --html` in headless Chromium and checks what is
// drawn: one line per top code whose points follow the embedded counts, the legend, the tables,
// and that the page asks for nothing outside itself. Saves a screenshot beside the log.
//
//   node tests/report/check.js BINARY OUT_DIR
//
// playwright-core comes from the VS Code extension's node_modules (installed by its tests).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { chromium } = require(require.resolve('playwright-core', {
  paths: [path.join(__dirname, '../../editors/vscode/node_modules')],
}));

const [binary, out] = process.argv.slice(2);
const root = path.join(__dirname, '../..');
let passed = 0;
let failed = 0;

async function test(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(e.stack || e).split('\n').join('\n  ')}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const report = path.join(out, 'report.html');
  execFileSync(binary, [
    'scan', '--syslog-year', '2026', '--bucket', '5m', '--html', report,
    path.join(root, 'tests/fixtures/scan/timeline/incident.log'),
  ], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, XDG_CONFIG_HOME: path.join(out, 'no-config') } });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
  await page.goto('file://' + report);

  await test('the chart draws one line per top code, following the embedded counts', async () => {
    const drawn = await page.evaluate(() => {
      const data = JSON.parse(document.getElementById('timeline-data').textContent);
      const svg = document.getElementById('timeline-chart');
      const lines = [...svg.querySelectorAll('polyline.series')].map((p) => {
        const box = p.getBBox();
        return {
          code: p.dataset.code,
          counts: p.dataset.counts.split(',').map(Number),
          ys: [...p.points].map((pt) => pt.y),
          width: box.width,
          stroke: getComputedStyle(p).stroke,
        };
      });
      return { data, lines, max: Number(svg.dataset.max) };
    });
    const { data, lines, max } = drawn;
    assert(lines.length === data.series.length && lines.length === 4, `4 lines drawn, got ${lines.length}`);
    lines.forEach((line, i) => {
      assert(line.code === data.series[i].code, `line ${i} is ${data.series[i].code}`);
      assert(JSON.stringify(line.counts) === JSON.stringify(data.series[i].counts), `${line.code} counts`);
      assert(line.width > 500, `${line.code} spans the chart (${line.width}px)`);
      // Higher counts are drawn higher (smaller y).
      line.counts.forEach((c, j) => line.counts.forEach((d, k) => {
        if (c > d) assert(line.ys[j] < line.ys[k], `${line.code}: ${c} above ${d}`);
      }));
    });
    assert(new Set(lines.map((l) => l.stroke)).size === lines.length, 'each line has its own colour');
    assert(max === 4, `the axis goes up to the largest count, 4 (got ${max})`);
    assert(data.starts[0] === '2026-03-07T10:40:00Z', `first bucket ${data.starts[0]}`);
    const apig = data.series.find((s) => s.code === 'APIG.0308');
    assert(JSON.stringify(apig.counts) === '[1,4,0]', `APIG.0308 per 5 minutes: ${apig.counts}`);
  });

  await test('the legend names the drawn codes', async () => {
    const legend = await page.$$eval('.legend li code', (els) => els.map((e) => e.textContent));
    assert(JSON.stringify(legend) === JSON.stringify(['APIG.0308', 'AIS.0101', 'AIS.0102', 'AIS.0199']), legend);
  });

  await test('the tables list the catalog codes with messages and the unknown codes', async () => {
    const known = await page.$$eval('#codes tbody tr', (rows) => rows.map((r) => r.cells[0].textContent));
    const unknown = await page.$$eval('#unknown-codes tbody tr', (rows) => rows.map((r) => r.cells[0].textContent));
    assert(known.includes('APIG.0308') && known.includes('AIS.0105'), `known: ${known}`);
    assert(JSON.stringify(unknown) === '["AIS.0199"]', `unknown: ${unknown}`);
    const message = await page.$eval('#codes tbody tr td:nth-child(5)', (td) => td.textContent);
    assert(message.length > 10, 'the first row shows its message');
  });

  await test('the page loads nothing from outside itself', async () => {
    assert(requests.length === 0, `requests: ${requests}`);
  });

  await page.screenshot({ path: path.join(out, 'report.png'), fullPage: true });
  await browser.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
