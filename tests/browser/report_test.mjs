// The HTML reports in a real browser: Debian's chromium driven by playwright-core (no browser
// download). scripts/browser-test.sh builds the fixtures and runs this with
//   SLIMAGE_BINARY     the slimage binary
//   SLIMAGE_FIXTURES   the folder slimage_browser_fixtures wrote
//   SLIMAGE_ARTIFACTS  where the reports and one screenshot per report go (a CI artefact)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const binary = process.env.SLIMAGE_BINARY;
const fixtures = process.env.SLIMAGE_FIXTURES;
const artifacts = process.env.SLIMAGE_ARTIFACTS;
assert.ok(binary && fixtures && artifacts, 'SLIMAGE_BINARY, SLIMAGE_FIXTURES and SLIMAGE_ARTIFACTS must be set');
fs.mkdirSync(artifacts, { recursive: true });

let context;
let profile;

before(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'slimage-chromium-'));  // a new, empty profile
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    offline: true,
  });
});

after(async () => {
  if (context) await context.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

// slimage's own output for the same input, to compare the page with. It runs in the fixtures'
// folder, so the reports name their images as "app.tar".
function run(args) {
  const result = spawnSync(binary, args, { cwd: fixtures, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(result.status === 0 || result.status === 1, `slimage ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
  return result.stdout;
}

function report(name, args) {
  const file = path.join(artifacts, `${name}.html`);
  run([...args, '--format', 'html', '-o', file]);
  return file;
}

// Opens a report; records console errors, page errors, dialogs and any request that is not the
// file itself (the page must need no network).
async function open(file) {
  const page = await context.newPage();
  const problems = { console: [], errors: [], dialogs: [], requests: [] };
  page.on('console', (message) => { if (message.type() === 'error') problems.console.push(message.text()); });
  page.on('pageerror', (error) => problems.errors.push(String(error)));
  page.on('dialog', async (dialog) => { problems.dialogs.push(dialog.message()); await dialog.dismiss(); });
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) problems.requests.push(request.url());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#app > header');
  return { page, problems };
}

function assertClean(problems) {
  assert.deepEqual(problems.console, [], 'console errors');
  assert.deepEqual(problems.errors, [], 'page errors');
  assert.deepEqual(problems.dialogs, [], 'dialogs (a script ran)');
  assert.deepEqual(problems.requests, [], 'network requests');
}

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

// The leaves drawn now: their bytes, areas and the svg's area.
async function leaves(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.treemap');
    const rects = [...svg.querySelectorAll('rect.leaf')].map((r) => ({
      bytes: Number(r.dataset.bytes), group: Number(r.dataset.group), area: r.width.baseVal.value * r.height.baseVal.value,
      hl: r.classList.contains('hl'), dim: r.classList.contains('dim'),
    }));
    return { rects, area: svg.width.baseVal.value * svg.height.baseVal.value };
  });
}

function assertAreasMatch(drawn, total) {
  const bytes = drawn.rects.reduce((sum, r) => sum + r.bytes, 0);
  assert.equal(bytes, total, 'the leaves stand for every byte');
  const area = drawn.rects.reduce((sum, r) => sum + r.area, 0);
  assert.ok(Math.abs((area / drawn.area) * total - total) <= Math.max(1, total * 1e-6), `areas ${area} of ${drawn.area}`);
  for (const rect of drawn.rects) {
    assert.ok(Math.abs(rect.area / drawn.area - rect.bytes / total) < 1e-6, `a leaf of ${rect.bytes} bytes has area ${rect.area}`);
  }
}

test('analyze: totals, treemap, zoom, layer selection, findings', async () => {
  const tar = 'app.tar';
  const file = report('analyze', ['analyze', tar]);
  const json = JSON.parse(run(['analyze', tar, '--format', 'json']));
  const text = run(['analyze', tar]);
  const { page, problems } = await open(file);

  // The data is the JSON document, embedded once.
  const embedded = await page.evaluate(() => JSON.parse(document.getElementById('slimage-report').textContent));
  assert.deepEqual(embedded, json);
  assert.equal(await page.locator('script#slimage-report').count(), 1);

  // The totals shown are the JSON's, written as the text output writes them.
  const totals = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-total]')]
    .map((dd) => [dd.dataset.total, { value: dd.dataset.value, text: dd.textContent }])));
  for (const key of ['size', 'compressed_size', 'final_size', 'wasted', 'efficiency', 'files', 'has_shell']) {
    assert.equal(totals[key].value, String(json.image[key]), key);
  }
  const [, size, compressed, finalSize, files] = text.match(/size (.+?) \((.+?) compressed\), final filesystem (.+?) in (\d+) files/);
  const [, wasted, efficiency] = text.match(/wasted (.+?), efficiency (.+?%)/);
  assert.deepEqual([totals.size.text, totals.compressed_size.text, totals.final_size.text, totals.files.text,
    totals.wasted.text, totals.efficiency.text], [size, compressed, finalSize, files, wasted, efficiency]);
  assert.equal(totals.has_shell.text, json.image.has_shell ? 'yes (/bin/sh)' : 'none');

  // Area is bytes: the rectangles add up to the final filesystem.
  const drawn = await leaves(page);
  assert.ok(drawn.rects.length > 20, `${drawn.rects.length} leaves`);
  assertAreasMatch(drawn, json.image.final_size);
  assert.ok(await page.locator('rect.leaf.aggregate').count() > 0, 'small files are aggregated');
  await screenshot(page, 'analyze');

  // Hover: path, size, layer and its instruction.
  const usr = page.locator('rect.dir[data-name="usr"]');
  const box = await usr.boundingBox();
  await page.mouse.move(box.x + 5, box.y + box.height - 5);
  const tip = await page.locator('.tooltip').textContent();
  assert.match(tip, /^\/usr\//);
  assert.match(tip, /layer #\d+: /);

  // A click zooms into the directory and the breadcrumb shows it; "/" zooms out.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  assert.equal(await page.locator('.breadcrumbs [aria-current]').textContent(), 'usr');
  assert.equal(await page.locator('.breadcrumbs button.crumb').first().textContent(), '/');
  const usrBytes = (await leaves(page)).rects.reduce((sum, r) => sum + r.bytes, 0);
  assert.ok(usrBytes > 0 && usrBytes < json.image.final_size);
  assertAreasMatch(await leaves(page), usrBytes);
  // The keyboard: Enter on a focused directory zooms in, Escape zooms out.
  await page.locator('rect.dir[data-name="lib"]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.breadcrumbs [aria-current]').textContent(), 'lib');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.breadcrumbs [aria-current]').textContent(), 'usr');
  await page.locator('.breadcrumbs button.crumb', { hasText: '/' }).click();
  assert.equal(await page.locator('.breadcrumbs [aria-current]').textContent(), '/');

  // Selecting a layer highlights exactly its files and lists what of it was wasted.
  const apt = json.layers.find((l) => l.created_by.includes('apt-get update')).index;
  await page.locator(`button.layer-button[data-layer="${apt}"]`).click();
  assert.equal(await page.locator(`button.layer-button[data-layer="${apt}"]`).getAttribute('aria-pressed'), 'true');
  const selected = await leaves(page);
  const mine = selected.rects.filter((r) => r.group === apt);
  assert.ok(mine.length > 0);
  assert.ok(mine.every((r) => r.hl && !r.dim));
  assert.ok(selected.rects.filter((r) => r.group !== apt).every((r) => r.dim && !r.hl));
  const detail = await page.locator('#layer-detail').textContent();
  assert.match(detail, new RegExp(`Layer #${apt}`));
  assert.match(detail, /var\/lib\/apt\/lists\/deb\.debian\.org/);
  // The README's picture (docs/images/report.png): the selected layer, a file's tooltip.
  await page.evaluate(() => window.scrollTo(0, 0));
  const curl = await page.evaluate((layer) => {
    const rect = [...document.querySelectorAll('rect.leaf')].filter((r) => Number(r.dataset.group) === layer)
      .sort((a, b) => b.dataset.bytes - a.dataset.bytes)[0];
    const b = rect.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 3 };
  }, apt);
  await page.mouse.move(curl.x, curl.y);
  assert.match(await page.locator('.tooltip').textContent(), /apt-get update/);
  await page.setViewportSize({ width: 1280, height: 1160 });
  await screenshot(page, 'analyze-layer');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Findings and wasted paths link to their layers.
  const finding = json.findings.find((f) => f.layer !== undefined && f.layer !== apt);
  assert.ok(finding, 'a finding with a layer');
  await page.locator(`#findings button.layer-link[data-layer="${finding.layer}"]`).first().click();
  assert.equal(await page.locator(`button.layer-button[data-layer="${finding.layer}"]`).getAttribute('aria-pressed'), 'true');
  assert.ok(await page.locator('#wasted button.layer-link').count() > 0);
  assert.equal(await page.locator('#findings li.finding').count(), json.findings.length);
  assertClean(problems);
  await page.close();
});

test('analyze: hostile file names are shown as text and run nothing', async () => {
  const tar = 'hostile.tar';
  const file = report('hostile', ['analyze', tar]);
  const json = JSON.parse(run(['analyze', tar, '--format', 'json']));
  const html = fs.readFileSync(file, 'latin1');
  assert.ok(!html.includes('<script>alert'), 'no markup from a name reaches the HTML');
  const { page, problems } = await open(file);
  assert.deepEqual(await page.evaluate(() => JSON.parse(document.getElementById('slimage-report').textContent)), json);
  // Only the page's own elements: 2 data blocks and 3 scripts, no image from a name.
  assert.equal(await page.locator('script').count(), 5);
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('b').count(), 0);

  await page.locator('rect.dir[data-name="srv"]').focus();
  await page.keyboard.press('Enter');
  const labels = await page.locator('svg.treemap text.label').allTextContents();
  const names = ['</', 'quote"\'<b>name', 'new\\nline', 'bad\\xffbyte', '<img src=x onerror=alert(3)>/'];
  for (const name of names) assert.ok(labels.some((label) => label.startsWith(name + ' ')), `${name} in ${labels.join(' | ')}`);
  const instruction = await page.locator('table.layers td.instruction').first().textContent();
  assert.equal(instruction, '/bin/sh -c echo "</script><script>alert(2)</script>" > /srv/x\\n# <!-- -->');
  // Hover the invalid-UTF-8 name: the tooltip shows its bytes escaped.
  // The centre of the first leaf, or of the one whose name is not UTF-8.
  const centre = (notUtf8) => page.evaluate((wanted) => {
    const rect = [...document.querySelectorAll('rect.leaf')].find((r) => !wanted || r.__node.data.n_base64);
    const b = rect.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }, notUtf8);
  const bad = await centre(true);
  await page.mouse.move(bad.x, bad.y);
  assert.equal(await page.locator('.tooltip .tip-path').textContent(), '/srv/bad\\xffbyte');
  // The path with a closing script tag in it, shown whole in the tooltip.
  await page.locator('rect.dir[data-name="<"]').focus();
  await page.keyboard.press('Enter');
  const deep = await centre(false);
  await page.mouse.move(deep.x, deep.y);
  assert.equal(await page.locator('.tooltip .tip-path').textContent(), '/srv/</script><script>alert(1)</script>');
  assert.equal(await page.evaluate(() => document.title), `slimage analyze: ${tar}`);
  await screenshot(page, 'hostile');
  assertClean(problems);
  await page.close();
});

test('diff: totals, treemap of b by change with ghosts, tables', async () => {
  const a = 'diff-a.tar';
  const b = 'diff-b.tar';
  const file = report('diff', ['diff', a, b]);
  const json = JSON.parse(run(['diff', a, b, '--format', 'json']));
  const { page, problems } = await open(file);
  assert.deepEqual(await page.evaluate(() => JSON.parse(document.getElementById('slimage-report').textContent)), json);
  const totals = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-total]')]
    .map((dd) => [dd.dataset.total, dd.dataset.value])));
  for (const key of ['size', 'compressed_size', 'final_size', 'wasted', 'files']) assert.equal(totals[key], String(json.delta[key]), key);
  // b's files at b's size, the removed ones as ghosts at a's size.
  const drawn = await leaves(page);
  assertAreasMatch(drawn, json.b.final_size - json.path_totals.removed.bytes);
  const ghosts = drawn.rects.filter((r) => r.group === 5);
  assert.equal(ghosts.reduce((sum, r) => sum + r.bytes, 0), -json.path_totals.removed.bytes);
  for (const kind of [1, 2, 3, 4]) assert.ok(drawn.rects.some((r) => r.group === kind), `kind ${kind} drawn`);
  assert.equal(await page.locator('#layers tbody tr').count(), json.layers.length);
  assert.equal(await page.locator('#paths tbody tr').count(), json.paths.length);
  await page.locator('rect.dir[data-name="usr"]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.breadcrumbs [aria-current]').textContent(), 'usr');
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'diff');
  assertClean(problems);
  await page.close();
});

test('measure: a bar per step and the table', async () => {
  const file = path.join(artifacts, 'measure.html');
  fs.copyFileSync(path.join(fixtures, 'measure.html'), file);
  const json = JSON.parse(fs.readFileSync(path.join(fixtures, 'measure.json'), 'utf8'));
  const { page, problems } = await open(file);
  assert.deepEqual(await page.evaluate(() => JSON.parse(document.getElementById('slimage-report').textContent)), json);
  const bars = await page.evaluate(() => [...document.querySelectorAll('rect.bar')].map((r) => ({
    step: Number(r.dataset.step), value: Number(r.dataset.value), height: r.height.baseVal.value, failed: r.classList.contains('failed'),
  })));
  assert.deepEqual(bars.map((b) => b.step), json.steps.map((s) => s.step));
  const scale = bars[0].height / json.steps[0].size;
  json.steps.forEach((step, i) => {
    assert.equal(bars[i].value, step.size);
    assert.ok(Math.abs(bars[i].height - step.size * scale) < 1e-3, `bar ${i} height`);  // SVG lengths are floats
    assert.equal(bars[i].failed, step.smoke === 'failed');
  });
  assert.equal(await page.locator('table.steps tbody tr').count(), json.steps.length);
  const totals = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-total]')]
    .map((dd) => [dd.dataset.total, dd.dataset.value])));
  for (const key of ['size_before', 'size_after', 'saved', 'saved_percent']) assert.equal(totals[key], String(json.total[key]), key);
  assert.match(await page.locator('#not-applied').textContent(), /<\/script><script>alert\(1\)<\/script>/);
  assert.match(await page.locator('#largest').textContent(), /pack-1\.pack/);
  await screenshot(page, 'measure');
  assertClean(problems);
  await page.close();
});

test('no report needs the network: the CSP allows no source', () => {
  for (const name of ['analyze', 'diff', 'measure']) {
    const html = fs.readFileSync(path.join(artifacts, `${name}.html`), 'utf8');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
    assert.ok(!/(src|href)="https?:/.test(html), `${name}: no external resource`);
  }
});
