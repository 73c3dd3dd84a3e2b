// The error catalogue is the one list of user-facing codes: every code the code base uses is in
// it, and README "Error codes" lists exactly the catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CATALOGUE } from '../../../src/errors/error-catalogue.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// A code ends in a letter or digit; `EVT_ERR_INGRESS_*` in a comment names a family, not a code.
const CODE = /EVT_ERR_[A-Z0-9_]+/g;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (entry.endsWith('.ts')) out.push(full);
  }
  return out;
}

const catalogued = new Set(Object.keys(ERROR_CATALOGUE));

test('every EVT_ERR_ code used in the code base is in the catalogue', () => {
  const unknown: string[] = [];
  for (const dir of ['src', 'activities', 'workflows']) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      for (const m of readFileSync(file, 'utf8').matchAll(CODE)) {
        if (!m[0].endsWith('_') && !catalogued.has(m[0])) unknown.push(`${file.slice(ROOT.length)}: ${m[0]}`);
      }
    }
  }
  assert.deepEqual(unknown, []);
});

test('README "Error codes" lists exactly the catalogue, each with its status', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Error codes$/m)[1]?.split(/^## /m)[0];
  assert.ok(section, 'README has a "## Error codes" section');
  const rows = new Map<string, number | undefined>();
  for (const line of section.split('\n')) {
    const m = /^\|\s*`(EVT_ERR_[A-Z0-9_]+)`\s*\|\s*(\d{3}|—)\s*\|/.exec(line);
    if (m) rows.set(m[1]!, m[2] === '—' ? undefined : Number(m[2]));
  }
  assert.deepEqual([...rows.keys()].sort(), [...catalogued].sort());
  for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
    const status = 'status' in entry ? entry.status : undefined;
    assert.equal(rows.get(code), status, `README status of ${code}`);
  }
});

test('every catalogued code has an error status (when it is a reply), a meaning and a fix', () => {
  for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
    if ('status' in entry) assert.ok(entry.status >= 400 && entry.status < 600, code);
    assert.ok(entry.meaning.length > 10 && entry.fix.length > 10, code);
  }
});
