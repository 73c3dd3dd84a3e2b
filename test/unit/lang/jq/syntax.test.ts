// Parsing: gojq's precedence and the places where gojq's grammar differs from jq's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileJq, JqError } from '../../../../src/lang/jq/index.js';

const jq = (q: string, input: unknown = null): unknown[] => compileJq(q).run(input);

describe('precedence', () => {
  it('pipe < comma < alternative < update < or < and < comparison < additive < multiplicative', () => {
    assert.deepEqual(jq('1, 2 | . * 10'), [10, 20]);
    assert.deepEqual(jq('null // 1, 2'), [1, 2]);
    assert.deepEqual(jq('.a = 1 // 2', {}), [{ a: 1 }]);
    assert.deepEqual(jq('true or false and false'), [true]);
    assert.deepEqual(jq('1 < 2 and 2 < 3'), [true]);
    assert.deepEqual(jq('1 + 2 * 3 - 4 / 2'), [5]);
    assert.deepEqual(jq('-1 + 2'), [1]);
  });

  it('`as` binds the whole expression to its left (gojq), not just a term (jq)', () => {
    assert.deepEqual(jq('1 + 2 as $x | $x * 10'), [30]);
    assert.deepEqual(jq('true // 1 as $x | [$x]'), [[true]]);
    assert.deepEqual(jq('1, 2 as $x | $x'), [1, 2]);
    assert.deepEqual(jq('[1, 2] | .[0] as $a | .[1] as $b | $a + $b'), [3]);
  });

  it('try takes one postfix term; catch too', () => {
    assert.deepEqual(jq('try error(0) // 1'), [1]);
    assert.deepEqual(jq('1 + try 2 catch 3 + 4'), [7]);
    assert.deepEqual(jq('[-try .]', 1), [[-1]]);
    assert.throws(() => jq('try 0 * error(0)'), { message: 'error: 0' });
  });

  it('`?` guards only the last suffix', () => {
    assert.throws(() => jq('.a.b?', 1), { message: 'expected an object but got: number (1)' });
    assert.deepEqual(jq('.a?', 1), []);
    assert.deepEqual(jq('[.[] | .a?]', [{ a: 1 }, 'x']), [[1]]);
    assert.deepEqual(jq('.a[]?', { a: 1 }), []);
  });

  it('comparisons and assignments do not chain', () => {
    assert.throws(() => compileJq('1 < 2 < 3'), JqError);
    assert.throws(() => compileJq('.a = .b = 1'), JqError);
  });
});

describe('terms', () => {
  it('field access forms', () => {
    const v = { a: { 'b c': [10, 20] }, if: 1 };
    assert.deepEqual(jq('.a."b c"[1], .a["b c"][0], ."a".["b c"].[1], .if', v), [20, 10, 20, 1]);
  });

  it('number literals: .5, exponents, and -0 as gojq reads them', () => {
    assert.deepEqual(jq('.5, 1e3, 1.5E-1, 10.'), [0.5, 1000, 0.15, 10]);
    assert.ok(Object.is(jq('-0')[0], 0));
    assert.ok(Object.is(jq('-0.0')[0], -0));
    assert.throws(() => compileJq('1.foo'), JqError);
  });

  it('string interpolation varies the last interpolation slowest', () => {
    assert.deepEqual(jq('"\\(1,2)-\\(3,4)"'), ['1-3', '2-3', '1-4', '2-4']);
    assert.deepEqual(jq('"a\\("b\\("c")")"'), ['abc']);
    assert.deepEqual(jq('"\\(.)"', { x: [1] }), ['{"x":[1]}']);
    assert.deepEqual(jq('"\\u00e9\\ud83d\\ude00\\ud800"'), ['é😀\ufffd']);
  });

  it('format strings apply the format to interpolations only', () => {
    assert.deepEqual(jq('@base64 "x\\(.)y"', 'hi'), ['xaGk=y']);
    assert.deepEqual(jq('@html "<b>\\(.)</b>"', '<&>'), ['<b>&lt;&amp;&gt;</b>']);
    assert.deepEqual(jq('@uri "https://x/?q=\\(.)"', 'a b&c'), ['https://x/?q=a%20b%26c']);
  });

  it('object shorthand, computed keys, keywords as keys and cartesian products', () => {
    assert.deepEqual(jq('"k" as $x | {a, "b", $x, (.c): 1, "d\\(1)": 2, if: 3}', { a: 0, b: 9, c: 'cc' }), [
      { a: 0, b: 9, x: 'k', cc: 1, d1: 2, if: 3 },
    ]);
    assert.deepEqual(jq('[{a: (1,2), b: (3,4)}]'), [
      [
        { a: 1, b: 3 },
        { a: 1, b: 4 },
        { a: 2, b: 3 },
        { a: 2, b: 4 },
      ],
    ]);
    assert.deepEqual(jq('{a: 1, a: 2}'), [{ a: 2 }]);
    assert.throws(() => jq('{(1): 2}'), { message: 'expected a string for object key but got: number (1)' });
  });

  it('comments run to the end of the line', () => {
    assert.deepEqual(jq('1 + # one\n 2 # two'), [3]);
  });

  it('reduce / foreach / label / def', () => {
    assert.deepEqual(
      jq('reduce .[] as [$k, $v] ({}; .[$k] = $v)', [
        ['a', 1],
        ['b', 2],
      ]),
      [{ a: 1, b: 2 }],
    );
    assert.deepEqual(jq('[foreach .[] as $x (0; . + $x; [$x, .])]', [1, 2]), [
      [
        [1, 1],
        [2, 3],
      ],
    ]);
    assert.deepEqual(jq('[label $out | .[] | if . > 2 then ., break $out else . end]', [1, 2, 3, 4]), [
      [1, 2, 3],
    ]);
    assert.deepEqual(jq('def inc(f): f + 1; def twice($x): [$x, $x]; twice(inc(.))', 1), [[2, 2]]);
    assert.deepEqual(jq('def f: def g: 3; g * 2; f'), [6]);
  });

  it('if without else passes the input through (jq 1.7)', () => {
    assert.deepEqual(jq('[.[] | if . > 1 then "big" end]', [1, 2]), [[1, 'big']]);
    assert.deepEqual(jq('if . then 1 elif . == null then 2 end', false), [false]);
  });

  it('destructuring with alternatives ?//', () => {
    assert.deepEqual(jq('[.[] as [$a] ?// $a | $a]', [[1], 2]), [[1, 2]]);
    assert.deepEqual(jq('. as {a: $x, b: [$y, {c: $z}]} | [$x, $y, $z]', { a: 1, b: [2, { c: 3 }] }), [
      [1, 2, 3],
    ]);
  });

  it('rejects what gojq rejects', () => {
    for (const src of [
      '',
      '   # nothing',
      '{a:}',
      '[1,2,]',
      'if . then 1',
      'def true: 1; .',
      'import "m" as m; .',
      'a::b',
      '.[1:2:3]',
      '{a: . as $x | $x}',
      '$__loc__',
      'input',
      'keys_unsorted',
      'ascii',
      'leaf_paths',
      'debug(1)',
    ]) {
      assert.throws(() => compileJq(src), JqError, src);
    }
  });
});
