// tests/web/report.mjs — `jny report` in a real browser: Debian's Chromium, headless, driven by
// playwright-core (tests/web/package.json). One browser start for every assertion.
//
//   JNY=build/jny node tests/web/report.mjs OUTDIR FILE.jny…
//
// For every journey given: the report is written with `jny report`, opened from file:// with
// scripting disabled, and must make no request but for itself, log no console error, have its
// one lang, one h1, headings in order, every section, every picture labelled, one KPI row per
// KPI, no script element and no link out of the page; the persona views must switch by click
// and by keyboard. For the first journey and tests/web/hostile.jny also: a screenshot, the DOM,
// a PDF (page count, landscape, a page per section, text that is real text), axe-core's WCAG
// 2 A/AA rules, and, with scripting enabled, no injected script running.
// Prints `ok NAME` or `FAIL NAME: why` per check and ends with `N passed, N failed`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const jny = process.env.JNY;
const [outDir, ...files] = process.argv.slice(2);
const today = '2026-11-23';
let passed = 0, failed = 0;

function ok(name) { passed++; console.log(`ok ${name}`); }
function fail(name, why) { failed++; console.log(`FAIL ${name}: ${String(why).split('\n')[0]}`); }
async function check(name, fn) {
  try {
    const why = await fn();
    if (why) fail(name, why); else ok(name);
  } catch (e) { fail(name, e.message); }
}

const SECTIONS = ['map', 'flow', 'kpis', 'pains', 'opportunities', 'personas', 'findings', 'queries'];

function model(file) {
  return JSON.parse(execFileSync(jny, ['export', file], { encoding: 'utf8' }));
}

// The browser, as the machine notes give it: root needs --no-sandbox; nothing in the
// background may reach the network.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

// A page with its requests and console errors recorded; every request but the report's own
// file is refused.
async function open(url, options) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const seen = { requests: [], errors: [] };
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    seen.requests.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('request', (r) => { if (r.url() !== url) seen.requests.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, seen };
}

async function structure(page) {
  return page.evaluate(() => {
    const langs = [...document.querySelectorAll('[lang]')].map((e) => e.getAttribute('lang'));
    const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => +h.tagName[1]);
    const svgs = [...document.querySelectorAll('svg')].map((s) => {
      const id = s.getAttribute('aria-labelledby');
      const label = id && document.getElementById(id);
      return { role: s.getAttribute('role'), label: label ? label.textContent.trim() : '' };
    });
    const out = [...document.querySelectorAll('[src],[href],[action],[srcset],[data]')]
      .map((e) => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('action') ||
        e.getAttribute('srcset') || e.getAttribute('data'))
      .filter((u) => !u.startsWith('#') && !u.startsWith('data:'));
    const sections = [...document.querySelectorAll('main > section')].map((s) => ({
      id: s.id, heading: s.querySelector('h2') ? s.querySelector('h2').textContent : '',
    }));
    const kpiRows = [...document.querySelectorAll('#kpis tbody tr th')].map((t) => t.textContent);
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return {
      langs, levels, svgs, out, sections, kpiRows,
      scripts: document.querySelectorAll('script,iframe,object,embed,link,img').length,
      dupIds: ids.filter((id, i) => ids.indexOf(id) !== i),
    };
  });
}

function headingsInOrder(levels) {
  if (levels.filter((l) => l === 1).length !== 1 || levels[0] !== 1) return 'not exactly one h1, first';
  for (let i = 1; i < levels.length; i++)
    if (levels[i] > levels[i - 1] + 1) return `h${levels[i]} after h${levels[i - 1]}`;
  return '';
}

async function visiblePanels(page) {
  return page.evaluate(() => [...document.querySelectorAll('.tabs > .panel')]
    .map((p) => getComputedStyle(p).display !== 'none'));
}

async function basic(file, html, m) {
  const name = path.basename(file);
  const url = pathToFileURL(html).href;
  const { context, page, seen } = await open(url, { javaScriptEnabled: false });
  const s = await structure(page);
  await check(`${name}: no request leaves the file`, () =>
    seen.requests.length ? `requested ${seen.requests[0]}` : '');
  await check(`${name}: no console error`, () => seen.errors.length ? seen.errors[0] : '');
  await check(`${name}: one lang`, () =>
    s.langs.length === 1 && s.langs[0] === 'en' ? '' : `lang attributes: ${s.langs.join(',')}`);
  await check(`${name}: headings in order`, () => headingsInOrder(s.levels));
  await check(`${name}: every section`, () => {
    const ids = s.sections.map((x) => x.id).join(',');
    return ids === SECTIONS.join(',') ? '' : `sections ${ids}`;
  });
  await check(`${name}: every picture has a text alternative`, () => {
    const want = 2 + m.personas.length;
    if (s.svgs.length !== want) return `${s.svgs.length} pictures, expected ${want}`;
    const bad = s.svgs.find((x) => x.role !== 'img' || x.label.length < 20);
    return bad ? `an svg with role ${bad.role} and label '${bad.label}'` : '';
  });
  await check(`${name}: one KPI row per KPI`, () => {
    const want = m.kpis.map((k) => k.name);
    return JSON.stringify(s.kpiRows) === JSON.stringify(want) ? '' :
      `rows ${JSON.stringify(s.kpiRows)}, KPIs ${JSON.stringify(want)}`;
  });
  await check(`${name}: nothing to run, nothing to load`, () =>
    s.scripts ? `${s.scripts} script/iframe/object/embed/link/img elements` :
      s.out.length ? `a reference out of the page: ${s.out[0]}` :
        s.dupIds.length ? `duplicate id ${s.dupIds[0]}` : '');
  await check(`${name}: persona views switch without script`, async () => {
    const n = m.personas.length;
    const first = await visiblePanels(page);
    if (first.length !== n) return `${first.length} panels for ${n} personas`;
    if (n === 0) return '';
    if (!first[0] || first.slice(1).some(Boolean)) return `at first: ${first}`;
    if (n === 1) return '';
    await page.click(`label[for="persona-tab-${n}"]`);
    const clicked = await visiblePanels(page);
    if (!clicked[n - 1] || clicked.slice(0, n - 1).some(Boolean)) return `after a click: ${clicked}`;
    await page.focus('#persona-tab-1');
    await page.keyboard.press('ArrowRight');
    const keyed = await visiblePanels(page);
    return keyed[1] && !keyed[0] ? '' : `after the arrow key: ${keyed}`;
  });
  return { context, page, name };
}

// Screenshot, DOM, PDF and axe for one report.
async function deep(file, html, m, opened) {
  const { page, name } = opened;
  const base = path.join(outDir, path.basename(file, '.jny'));
  await check(`${name}: screenshot`, async () => {
    const png = await page.screenshot({ path: `${base}.png`, fullPage: true });
    const width = png.readUInt32BE(16), height = png.readUInt32BE(20);
    return width === 1280 && height > 900 ? '' : `a ${width}x${height} screenshot`;
  });
  await check(`${name}: DOM`, async () => {
    const dom = await page.content();
    fs.writeFileSync(`${base}.dom.html`, dom);
    const text = await page.evaluate(() => document.body.innerText);
    const missing = m.touchpoints.map((t) => t.name).find((n) => !text.includes(n));
    if (missing) return `touchpoint '${missing}' is not in the page's text`;
    return m.journey && !text.includes(m.journey.name) ? 'the journey name is not shown' : '';
  });
  await check(`${name}: PDF`, async () => {
    await page.pdf({ path: `${base}.pdf`, preferCSSPageSize: true, printBackground: true });
    const info = execFileSync('pdfinfo', [`${base}.pdf`], { encoding: 'utf8' });
    const pages = +/Pages:\s+(\d+)/.exec(info)[1];
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
    if (+w <= +h) return `pages are ${w} x ${h} pt, not landscape`;
    if (pages < SECTIONS.length + 1) return `${pages} pages for ${SECTIONS.length} sections`;
    const text = execFileSync('pdftotext', ['-layout', `${base}.pdf`, '-'], { encoding: 'utf8' });
    const byPage = text.split('\f').map((p) => p.split('\n').map((l) => l.trim()));
    let last = 0;
    const headings = ['Journey map', 'Flow', 'KPIs', 'Pain points', 'Opportunities', 'Personas',
      'Findings', 'Queries'];
    for (const hd of headings) {
      const at = byPage.findIndex((lines, i) => i >= last + 1 && lines.find((l) => l) === hd);
      if (at < 0) return `no page after page ${last + 1} begins with '${hd}'`;
      last = at;
    }
    const missing = m.touchpoints.map((t) => t.name).find((n) =>
      !text.replace(/\s+/g, ' ').includes(n.replace(/\s+/g, ' ')));
    return missing ? `'${missing}' is not text in the PDF` : '';
  });
  // axe needs script: a second context where scripting runs, CSP bypassed for axe alone.
  const url = pathToFileURL(html).href;
  const js = await open(url, { bypassCSP: true });
  await check(`${name}: axe-core WCAG 2 A and AA`, async () => {
    await js.page.addScriptTag({ path: path.join(here, 'node_modules/axe-core/axe.min.js') });
    const result = await js.page.evaluate(() =>
      window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    const v = result.violations;
    return v.length ? v.map((x) => `${x.id} (${x.nodes.length}): ${x.nodes[0].target}`).join('; ') : '';
  });
  await check(`${name}: no injected script runs with scripting on`, async () => {
    const pwned = await js.page.evaluate(() => window.__pwned);
    return pwned === undefined && !js.seen.errors.length ? '' : `__pwned=${pwned} ${js.seen.errors[0] || ''}`;
  });
  await js.context.close();
}

const hostile = path.join(here, 'hostile.jny');
const all = [...files, hostile];
for (const [i, file] of all.entries()) {
  const name = path.basename(file);
  const html = path.join(outDir, `${i}-${name}.html`);
  try {
    execFileSync(jny, ['report', file, '--today', today, '-o', html], { stdio: 'pipe' });
  } catch (e) {
    fail(`${name}: jny report`, `exit status ${e.status}: ${e.stderr}`);
    continue;
  }
  const m = model(file);
  const opened = await basic(file, html, m);
  if (i === 0 || file === hostile) await deep(file, html, m, opened);
  if (file === hostile) {
    await check(`${name}: hostile names are text, not markup`, async () => {
      const text = await opened.page.evaluate(() => document.body.innerText);
      for (const s of ["<script>alert('x')</script>", '<svg onload="window.__pwned=3">',
        'Team </td></tr></table><script>window.__pwned=2</script>', '<th>cell</th>'])
        if (!text.includes(s)) return `'${s}' is not shown as text`;
      return '';
    });
  }
  await opened.context.close();
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
