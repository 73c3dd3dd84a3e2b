// Public API: compileJq caching, run options, error classes, input immutability.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileJq,
  JqError,
  JqHaltError,
  JqLimitError,
  JqRuntimeError,
} from '../../../../src/lang/jq/index.js';

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}

describe('compileJq', () => {
  it('caches compiled programs by source', () => {
    const a = compileJq('.a | . + 1');
    assert.equal(compileJq('.a | . + 1'), a);
    assert.notEqual(compileJq('.a | . + 2'), a);
    assert.equal(a.source, '.a | . + 1');
  });

  it('returns every output, in order', () => {
    assert.deepEqual(compileJq('.[] | select(. > 1)').run([1, 2, 3]), [2, 3]);
    assert.deepEqual(compileJq('empty').run(null), []);
  });

  it('treats an undefined input as null', () => {
    assert.deepEqual(compileJq('.').run(undefined), [null]);
  });

  it('maxOutputs stops generation early, so later errors and endless generators do not matter', () => {
    // Argo takes only the first output; gojq never evaluates what comes after it.
    assert.deepEqual(compileJq('{a: 1}, error("late")').run(null, { maxOutputs: 1 }), [{ a: 1 }]);
    assert.deepEqual(compileJq('repeat({a: 1})').run(null, { maxOutputs: 2 }), [{ a: 1 }, { a: 1 }]);
    assert.deepEqual(compileJq('1, 2').run(null, { maxOutputs: 0 }), []);
    assert.throws(() => compileJq('{a: 1}, error("late")').run(null), JqRuntimeError);
  });

  it('never mutates its input, even when assignments reuse containers internally', () => {
    const input = deepFreeze({ a: [1, 2, 3], b: { c: { d: 1 } }, s: 'x' });
    const out = compileJq('.a[] |= . * 10 | .b.c.d += 1 | del(.s) | .a[1:2] = ["x", "y"] | .new = 1').run(
      input,
    );
    assert.deepEqual(out, [{ a: [10, 'x', 'y', 30], b: { c: { d: 2 } }, new: 1 }]);
    assert.deepEqual(input, { a: [1, 2, 3], b: { c: { d: 1 } }, s: 'x' });
  });

  it('keeps several outputs of an assignment independent', () => {
    const [x, y] = compileJq('.a = (1, 2)').run({ a: 0, b: [1] }) as { a: number; b: number[] }[];
    assert.deepEqual(
      [x, y],
      [
        { a: 1, b: [1] },
        { a: 2, b: [1] },
      ],
    );
  });
});

describe('errors', () => {
  it('syntax errors are JqErrors with an offset, line and column', () => {
    assert.throws(() => compileJq('.a | (.b'), JqError);
    try {
      compileJq('.a |\n  (.b ]');
      assert.fail('expected a syntax error');
    } catch (err) {
      assert.ok(err instanceof JqError);
      assert.equal(err.offset, 11);
      assert.match(err.message, /line 2, column 7/);
      assert.match(err.message, /unexpected token "\]"/);
      assert.match(err.message, /close the parenthesis/);
    }
  });

  it('reports the place of unknown functions and variables', () => {
    for (const [src, offset, pattern] of [
      ['.a | lenght', 5, /function not defined: lenght\/0/],
      ['1 + $nope', 4, /variable not defined: \$nope/],
      ['map(.a; .b)', 0, /function not defined: map\/2/],
      ['break $out', 0, /label not defined: \$out/],
      ['"abc', 0, /unterminated string literal/],
      ['"a\\qb"', 2, /invalid escape sequence "\\\\q"/],
      ['1 +', 3, /unexpected end of query/],
      ['.a = .b = 1', 8, /assignment operators do not chain/],
    ] as const) {
      try {
        compileJq(src);
        assert.fail(`expected ${src} to fail`);
      } catch (err) {
        assert.ok(err instanceof JqError, src);
        assert.equal(err.offset, offset, src);
        assert.match(err.message, pattern, src);
      }
    }
  });

  it('program errors are JqRuntimeErrors carrying the catch value', () => {
    assert.throws(() => compileJq('error({code: 7})').run(null), JqRuntimeError);
    try {
      compileJq('error({code: 7})').run(null);
      assert.fail('expected an error');
    } catch (err) {
      assert.ok(err instanceof JqRuntimeError);
      assert.deepEqual(err.value, { code: 7 });
      assert.equal(err.message, 'error: {"code":7}');
    }
    try {
      compileJq('.a + 1').run({ a: 'x' });
      assert.fail('expected an error');
    } catch (err) {
      assert.ok(err instanceof JqRuntimeError);
      assert.equal(err.value, 'cannot add: string ("x") and number (1)');
    }
  });

  it('halt and halt_error end the program and cannot be caught', () => {
    assert.throws(() => compileJq('try halt catch "no"').run(null), JqHaltError);
    assert.throws(() => compileJq('"bye" | halt_error').run(null), {
      name: 'JqHaltError',
      message: 'halt error: bye',
    });
  });

  it('every error is an Error subclass of JqError', () => {
    for (const cls of [JqRuntimeError, JqLimitError, JqHaltError])
      assert.ok(cls.prototype instanceof JqError);
  });
});

describe('now', () => {
  it('needs an explicit clock, because workflows replay', () => {
    assert.throws(() => compileJq('now').run(null), /now is not available/);
    assert.deepEqual(compileJq('now').run(null, { now: 1_425_599_507_500 }), [1_425_599_507.5]);
    assert.deepEqual(compileJq('now | todate').run(null, { now: 1_425_599_507_000 }), [
      '2015-03-05T23:51:47Z',
    ]);
  });
});
