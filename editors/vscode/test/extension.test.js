// Tests of the VS Code extension without VS Code (node --test; make editors-test):
// the manifest, the snippets, the grammar over every example and test file (loaded with
// vscode-textmate and vscode-oniguruma, as VS Code does), and the problem matcher's regexp
// against the output of a real `jny check` run. JNY names the binary (default: jny on PATH);
// JNY_WORDS names the output of the jny_words tool (the declaration kinds, the functions).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const ext = path.resolve(__dirname, '..');
const root = path.resolve(ext, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8'));
const jny = process.env.JNY || 'jny';

function words(list) {
  const file = process.env.JNY_WORDS;
  if (!file) return null;
  const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(list + ' '));
  return line.split(' ').slice(1);
}

function jnyFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.jny')) out.push(p);
    }
  };
  ['examples', 'tests', 'stdlib', 'editors/test'].forEach((d) => walk(path.join(root, d)));
  return out.sort();
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s) => new oniguruma.OnigScanner(s),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope !== 'source.jny') return null;
      const g = manifest.contributes.grammars[0];
      const file = path.join(ext, g.path);
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  return registry.loadGrammar('source.jny');
}

// The scopes of every token of text, line by line, and the rule stack after the last line.
function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  const lines = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    lines.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    stack = r.ruleStack;
  }
  return { lines, stack };
}

test('manifest: language, grammar, configuration, snippets', () => {
  const c = manifest.contributes;
  assert.deepStrictEqual(c.languages[0].extensions, ['.jny']);
  assert.strictEqual(c.grammars[0].scopeName, 'source.jny');
  for (const p of [c.languages[0].configuration, c.grammars[0].path, c.snippets[0].path]) {
    assert.ok(fs.existsSync(path.join(ext, p)), p);
  }
  const conf = JSON.parse(fs.readFileSync(path.join(ext, c.languages[0].configuration), 'utf8'));
  assert.strictEqual(conf.comments.lineComment, '//');
  assert.deepStrictEqual(conf.comments.blockComment, ['/*', '*/']);
});

test('a snippet for each declaration kind', () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(ext, 'snippets/jny.json'), 'utf8'));
  const prefixes = Object.values(snippets).map((s) => s.prefix).sort();
  const kinds = words('decl');
  assert.ok(kinds, 'JNY_WORDS not set');
  assert.deepStrictEqual(prefixes, [...kinds].sort());
  for (const s of Object.values(snippets)) {
    assert.ok(s.body[0].startsWith(s.prefix + ' '), s.prefix);
  }
});

test('the grammar reads every example and test file to a clean end', async () => {
  const grammar = await loadGrammar();
  const files = jnyFiles();
  assert.ok(files.length >= 40, `only ${files.length} files`);
  let clean = 0;
  for (const file of files) {
    // Only files without syntax errors (jny fmt formats them): a broken file may well end
    // inside a string.
    if (spawnSync(jny, ['fmt', file], { encoding: 'utf8' }).status !== 0) continue;
    const { lines, stack } = tokenize(grammar, fs.readFileSync(file, 'utf8'));
    assert.strictEqual(stack.depth, 1, `${path.relative(root, file)} ends inside a string, comment or block`);
    // every comment line of the file is scoped as a comment
    lines.forEach((toks, i) => {
      const first = toks.find((t) => t.text.trim() !== '');
      if (first && first.text.trim().startsWith('//')) {
        assert.ok(first.scopes.some((s) => s.startsWith('comment.')), `${file}:${i + 1}`);
      }
    });
    clean++;
  }
  assert.ok(clean >= 20, `only ${clean} files tokenized`);
});

test('declaration words in a block are attributes', async () => {
  const grammar = await loadGrammar();
  const { lines } = tokenize(grammar, 'stage buy "B"\ntouchpoint t "T" {\n  stage buy\n}\n');
  const scopesOf = (line, text) => lines[line].find((t) => t.text === text).scopes;
  assert.ok(scopesOf(0, 'stage').includes('keyword.declaration.jny'));
  assert.ok(scopesOf(2, 'stage').includes('variable.other.property.jny'));
  assert.ok(!scopesOf(2, 'stage').includes('keyword.declaration.jny'));
});

test('built-in functions are scoped where called, not as fields', async () => {
  const grammar = await loadGrammar();
  const funcs = words('function');
  assert.ok(funcs, 'JNY_WORDS not set');
  for (const f of funcs) {
    const text = [`let x = ${f}(a) + t.${f} + t.${f}(a)`, 'check c "C" {', `  assert ${f} (a)`,
      '}'];
    const { lines } = tokenize(grammar, text.join('\n'));
    // the scopes at the nth (0-based) occurrence of f on a line
    const at = (line, nth) => {
      let col = -1;
      for (let k = 0; k <= nth; k++) col = text[line].indexOf(f, col + 1);
      let pos = 0;
      return lines[line].find((t) => (pos += t.text.length) > col).scopes;
    };
    const builtin = (scopes) => scopes.includes('support.function.builtin.jny');
    assert.ok(builtin(at(0, 0)), `${f}(a)`);
    assert.ok(!builtin(at(0, 1)), `t.${f}`);
    assert.ok(!at(0, 2).some((s) => s.includes('function')), `t.${f}(a)`);
    assert.ok(builtin(at(2, 0)), `${f} (a) in a block`);
  }
});

test('the problem matcher reads a real jny check run', () => {
  const pm = manifest.contributes.problemMatchers[0];
  const re = new RegExp(pm.pattern.regexp);
  const r = spawnSync(jny, ['check', '--color', 'never', 'errors.jny'], {
    cwd: path.join(root, 'editors/test'),
    encoding: 'utf8',
  });
  assert.strictEqual(r.status, 1);
  const problems = r.stdout
    .split('\n')
    .map((l) => re.exec(l))
    .filter(Boolean)
    .map((m) => ({
      file: m[pm.pattern.file],
      line: +m[pm.pattern.line],
      column: +m[pm.pattern.column],
      severity: m[pm.pattern.severity],
      code: m[pm.pattern.code],
      message: m[pm.pattern.message],
    }));
  assert.deepStrictEqual(problems, [
    { file: 'errors.jny', line: 5, column: 9, severity: 'error', code: 'E0203', message: "unknown stage 'purchse'" },
    { file: 'errors.jny', line: 6, column: 11, severity: 'error', code: 'E0303',
      message: 'emotion 9 is out of range: it must be from -3 to 3' },
    { file: 'errors.jny', line: 9, column: 7, severity: 'error', code: 'E0201',
      message: "duplicate id 'buy': already declared as a stage" },
  ]);
  // a diagnostic without a code, and the context lines, as jny prints them
  assert.deepStrictEqual(re.exec('a.jny:3:1: warning: w').slice(1), ['a.jny', '3', '1', 'warning', undefined, 'w']);
  assert.strictEqual(re.exec('   5 |   stage purchse'), null);
  assert.strictEqual(re.exec('errors.jny:2:7: note: first declared here'), null);
});
