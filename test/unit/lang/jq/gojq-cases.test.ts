// Differential cases: each query/input pair was run through itchyny/gojq v0.12.19 (the jq
// implementation Argo Events embeds) and its outputs recorded in gojq-cases.json. Our outputs,
// encoded the way gojq prints them, must be identical; errors must carry gojq's message.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compileJq, JqError, jqToJson } from '../../../../src/lang/jq/index.js';

interface Case {
  q: string;
  in: number;
  out?: string[];
  error?: string;
  compileError?: true;
}

const fixture = JSON.parse(readFileSync(new URL('./gojq-cases.json', import.meta.url), 'utf8')) as {
  inputs: string[];
  cases: Case[];
};

function runCase(c: Case): { out: string[]; error?: string } {
  const out: string[] = [];
  try {
    for (const v of compileJq(c.q).run(JSON.parse(fixture.inputs[c.in]!), { maxOutputs: 1000 }))
      out.push(jqToJson(v));
  } catch (e) {
    assert.ok(e instanceof JqError, `${c.q}: threw a non-JqError ${String(e)}`);
    return { out, error: e.message };
  }
  return { out };
}

describe('gojq differential cases', () => {
  it('has a substantial corpus', () => {
    assert.ok(fixture.cases.length > 1500);
  });

  const groups = new Map<string, Case[]>();
  fixture.cases.forEach((c, i) => {
    const key = `cases ${Math.floor(i / 100) * 100}–${Math.floor(i / 100) * 100 + 99}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  });
  for (const [name, cases] of groups) {
    it(name, () => {
      for (const c of cases) {
        const label = `${c.q}   on ${fixture.inputs[c.in]!.slice(0, 80)}`;
        if (c.compileError) {
          assert.throws(() => compileJq(c.q), JqError, label);
          continue;
        }
        const got = runCase(c);
        assert.deepEqual(got.out, c.out, label);
        assert.equal(got.error, c.error, label);
      }
    });
  }
});
