// tests/web/mermaid.mjs — jny's Mermaid export and import checked with Mermaid's own parser
// (mermaid 11 under jsdom, tests/web/package.json; no browser needed).
//
//   JNY=build/jny node tests/web/mermaid.mjs OUTDIR FILE.jny…
//
// For every journey given, and tests/web/hostile.jny: `--format mermaid` parses as a journey
// whose title, sections, tasks, scores and actors are what jny meant (computed here from
// `jny export`'s JSON with the mapping docs/sharing.md gives); `--format mermaid-flowchart`
// parses as a flowchart with a node per touchpoint and outcome and an edge per flow; and the
// round trip export → import → export gives the same text, and an imported file that
// `jny check` accepts and `jny fmt --check` leaves as it is. A hand-written Mermaid journey
// is imported, checked, and exported back to the same sections, tasks, scores and actors.
// Prints `ok NAME` or `FAIL NAME: why` per check and ends with `N passed, N failed`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const here = path.dirname(fileURLToPath(import.meta.url));
const jny = process.env.JNY;
const [outDir, ...files] = process.argv.slice(2);
let passed = 0, failed = 0;
function ok(name) { passed++; console.log(`ok ${name}`); }
function fail(name, why) { failed++; console.log(`FAIL ${name}: ${String(why).split('\n')[0]}`); }
async function check(name, fn) {
  try {
    const why = await fn();
    if (why) fail(name, why); else ok(name);
  } catch (e) { fail(name, e.message); }
}

// Mermaid needs a DOM even to parse (DOMPurify).
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

function run(args, options = {}) {
  const r = spawnSync(jny, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`jny ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

// What docs/sharing.md says a name becomes at each place of a journey diagram.
function fit(s, place) {
  let out = '';
  for (const c of s) {
    if (out.endsWith('%') && c === '%') { out += '％'; continue; }
    if (c === '#') out += '＃';
    else if (c === ';') out += '；';
    else if (c === ':' && place !== 'title') out += '∶';
    else if (c === ',' && place === 'actor') out += '‚';
    else if (c < ' ' || c === '\x7f' || (c >= '\x80' && c <= '\x9f')) out += ' ';
    else out += c;
  }
  out = out.trim();
  if (place === 'task') {
    if (out.startsWith('%')) out = '％' + out.slice(1);
    const kw = /^(title|section|accTitle|accDescr)(?=$|[ \t{:])|^journey/.exec(out);
    if (kw) out = kw[0] + '\u2060' + out.slice(kw[0].length);
  }
  return out;
}
const score = (e) => Math.min(5, Math.max(1, Math.sign(3 + 2 * e / 3) * Math.round(Math.abs(3 + 2 * e / 3))));
// Mermaid's sanitizer turns " into ' in what it keeps; compare as it does.
const norm = (x) => JSON.stringify(x).replace(/\\"/g, "'");

function meant(m) {
  const personaNames = new Map(m.personas.map((p) => [p.id, p.name]));
  const sections = m.stages.map((s, i) => fit(`${i + 1}. ${s.name}`, 'section'));
  const tasks = [];
  for (const [i, s] of m.stages.entries())
    for (const t of m.touchpoints.filter((t) => t.stage === s.id)) {
      const actors = (t.personas.length ? t.personas : m.personas.map((p) => p.id))
        .map((id) => fit(personaNames.get(id), 'actor'));
      tasks.push([sections[i], fit(t.name, 'task') || t.id, t.emotion === null ? 3 : score(t.emotion), actors]);
    }
  return { title: m.journey ? fit(m.journey.name, 'title') : '', sections, tasks };
}

async function parsed(text) {
  const d = await mermaid.mermaidAPI.getDiagramFromText(text);
  if (d.type !== 'journey') return { type: d.type, db: d.db };
  return {
    type: d.type,
    title: d.db.getDiagramTitle(),
    sections: [...d.db.getSections()], // Mermaid reuses its arrays on the next parse
    tasks: d.db.getTasks().map((t) => [t.section, t.task.trimEnd(), t.score, t.people]),
  };
}

const dropFirst = (s) => s.split('\n').slice(1).join('\n');

for (const file of [...files, path.join(here, 'hostile.jny')]) {
  const name = path.basename(file);
  const base = path.join(outDir, name.replace(/\.jny$/, ''));
  const m = JSON.parse(run(['export', file]));
  const want = meant(m);
  const text = run(['export', '--format', 'mermaid', file]);
  fs.writeFileSync(`${base}.mmd`, text);
  await check(`${name}: the journey diagram parses as what jny meant`, async () => {
    const got = await parsed(text);
    if (got.type !== 'journey') return `parsed as ${got.type}`;
    // Mermaid's sanitizer takes markup out of the title it keeps: compare what is left
    const kept = want.title.replace(/.*>/, '').replace(/&/g, '&amp;');
    if (/[<>&]/.test(want.title) && got.title.endsWith(kept)) got.title = want.title;
    for (const k of ['title', 'sections', 'tasks'])
      if (norm(got[k]) !== norm(want[k])) return `${k}: got ${norm(got[k]).slice(0, 200)}, meant ${norm(want[k]).slice(0, 200)}`;
    return '';
  });
  await check(`${name}: the flowchart parses with a node per touchpoint and outcome`, async () => {
    const flow = run(['export', '--format', 'mermaid-flowchart', file]);
    fs.writeFileSync(`${base}.flow.mmd`, flow);
    const got = await parsed(flow);
    if (!got.type.startsWith('flowchart')) return `parsed as ${got.type}`;
    const ids = [...got.db.getVertices().keys()].sort();
    const wantIds = [...m.touchpoints.map((t) => `t_${t.id}`), ...m.outcomes.map((o) => `o_${o.id}`)].sort();
    if (JSON.stringify(ids) !== JSON.stringify(wantIds)) return `nodes ${ids.join(',')}`;
    const edges = got.db.getEdges().length;
    if (edges !== m.flows.length) return `${edges} edges for ${m.flows.length} flows`;
    const groups = got.db.getSubGraphs().map((s) => s.title);
    const wantGroups = [...m.stages.map((s, i) => `${i + 1}. ${s.name}`), ...(m.outcomes.length ? ['Outcomes'] : [])];
    return groups.length === wantGroups.length ? '' : `subgraphs ${groups.join(' | ')}`;
  });
  await check(`${name}: export, import, export gives the same text`, () => {
    // the imported file sits beside the original, so that relative `use` and data files resolve
    const jnyOut = path.join(path.dirname(file), `.roundtrip-${process.pid}-${name}`);
    try {
      run(['import', 'mermaid', `${base}.mmd`, '-o', jnyOut]);
      fs.copyFileSync(jnyOut, `${base}.imported.jny`);
      const chk = spawnSync(jny, ['check', jnyOut], { encoding: 'utf8' });
      if (chk.status !== 0) return `jny check of the import: ${chk.stdout.split('\n')[0]}`;
      const f = spawnSync(jny, ['fmt', '--check', jnyOut], { encoding: 'utf8' });
      if (f.status !== 0) return 'the import is not in jny fmt\'s layout';
      const again = run(['export', '--format', 'mermaid', jnyOut]);
      return dropFirst(again) === dropFirst(text) ? '' : 'the second export differs';
    } finally {
      fs.rmSync(jnyOut, { force: true });
    }
  });
}

// A journey as people write it in Mermaid (Mermaid's documentation's example), imported.
const plain = `journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 2: Me
`;
await check('a hand-written Mermaid journey imports and comes back', async () => {
  const mmd = path.join(outDir, 'plain.mmd'), out = path.join(outDir, 'plain.jny');
  fs.writeFileSync(mmd, plain);
  run(['import', 'mermaid', mmd, '-o', out]);
  const chk = spawnSync(jny, ['check', out], { encoding: 'utf8' });
  if (chk.status !== 0) return `jny check: ${chk.stdout.split('\n')[0]}`;
  const back = await parsed(run(['export', '--format', 'mermaid', out]));
  const orig = await parsed(plain);
  // the export numbers the sections
  orig.tasks = orig.tasks.map(([s, ...rest]) => [`${orig.sections.indexOf(s) + 1}. ${s}`, ...rest]);
  orig.sections = orig.sections.map((s, i) => `${i + 1}. ${s}`);
  for (const k of ['title', 'sections', 'tasks'])
    if (norm(back[k]) !== norm(orig[k])) return `${k}: ${norm(back[k])} vs ${norm(orig[k])}`;
  return '';
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
