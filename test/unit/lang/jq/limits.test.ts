// Bounds: a runaway program always stops with a JqLimitError, which `try` cannot swallow.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileJq, JqLimitError } from '../../../../src/lang/jq/index.js';

describe('step bound', () => {
  it('stops endless generators and loops', () => {
    for (const q of [
      '[repeat(.)]',
      'def f: f; f',
      'until(false; .)',
      '[range(1e12)] | length',
      'last(range(infinite))',
      '[recurse(. + 1)]',
      'reduce range(infinite) as $x (0; . + $x)',
      'label $f | repeat(empty)',
    ]) {
      assert.throws(() => compileJq(q).run(1), JqLimitError, q);
    }
  });

  it('maxSteps is configurable and try cannot catch the limit', () => {
    assert.throws(() => compileJq('[range(100)]').run(null, { maxSteps: 50 }), /step budget \(50 steps\)/);
    assert.deepEqual(compileJq('[range(100)] | length').run(null, { maxSteps: 500 }), [100]);
    assert.throws(
      () => compileJq('try repeat(1) catch "caught"').run(null, { maxSteps: 1000 }),
      JqLimitError,
    );
    assert.throws(() => compileJq('[.[]?] | repeat(1)').run(null, { maxSteps: 1000 }), JqLimitError);
  });

  it('a typical transform on a large payload stays well within the default budget', () => {
    const payload = {
      items: Array.from({ length: 5000 }, (_, i) => ({ id: i, tags: ['a', 'b'], n: { v: i } })),
    };
    const [out] = compileJq('.items |= map(select(.id % 2 == 0) | .n.v *= 2) | .items | length').run(payload);
    assert.equal(out, 2500);
    assert.deepEqual(compileJq('[paths] | length').run(payload), [5000 * 7 + 1]);
  });
});

describe('depth bounds (deterministic, so a replay fails the same way)', () => {
  it('limits nested jq calls', () => {
    assert.deepEqual(compileJq('def f: if . < 50 then . + 1 | f else . end; 0 | f').run(null), [50]);
    assert.throws(() => compileJq('def f: if . < 1000 then . + 1 | f else . end; 0 | f').run(null), {
      name: 'JqLimitError',
      message: /recursion too deep/,
    });
  });

  it('limits how deep a value may be for recursive builtins', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1500; i++) deep = [deep];
    assert.deepEqual(compileJq('[paths] | length').run(deep), [1500]);
    for (const q of ['tojson', '. == .', 'walk(.)', '[tostream]']) {
      assert.throws(
        () => compileJq(q).run(deep),
        { name: 'JqLimitError', message: /nested more than 1000 levels/ },
        q,
      );
    }
  });
});

describe('size bounds', () => {
  it('charges the budget for building huge strings and arrays', () => {
    for (const q of [
      'reduce range(40) as $i ("x"; . + .)',
      'reduce range(40) as $i ([0]; . + .)',
      '.[100000000] = 1',
      '"x" * 100000000',
    ]) {
      assert.throws(
        () => compileJq(q).run([]),
        (e: unknown) => e instanceof Error && /budget|too large/.test(e.message),
        q,
      );
    }
    assert.deepEqual(compileJq('reduce range(10) as $i ("x"; . + .) | length').run(null), [1024]);
  });
});
