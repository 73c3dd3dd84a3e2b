// Builtins, including Eventide's deliberate choices where gojq's behaviour is environment-bound.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileJq, JqError } from '../../../../src/lang/jq/index.js';

const jq = (q: string, input: unknown = null): unknown[] => compileJq(q).run(input);
const one = (q: string, input: unknown = null): unknown => jq(q, input)[0];

describe('arithmetic and ordering', () => {
  it('follows jq type rules', () => {
    assert.deepEqual(
      jq('{a: 1} + {b: 2}, [1, 2, 2] - [2], "ab" * 2, 2 * "ab", "ab" * 0, "ab" * -1, "a,b" / ","'),
      [{ a: 1, b: 2 }, [1], 'abab', 'abab', '', null, ['a', 'b']],
    );
    assert.deepEqual(one('{a: {b: 1, c: 2}} * {a: {b: 3}}'), { a: { b: 3, c: 2 } });
    assert.deepEqual(jq('7 % 3, -7 % 3, 5.9 % 2.1, null + 1, 1 + null'), [1, -1, 1, 1, 1]);
    assert.throws(() => jq('1 / 0'), { message: 'cannot divide number (1) by: number (0)' });
    assert.throws(() => jq('5 % 0.4'), { message: 'cannot modulo number (5) by: number (0.4)' });
    assert.throws(() => jq('{} - 1'), { message: 'cannot subtract: object ({}) and number (1)' });
  });

  it('orders values of different types: null < false < true < numbers < strings < arrays < objects', () => {
    assert.deepEqual(one('sort', [{}, [], 'a', 1, true, false, null]), [null, false, true, 1, 'a', [], {}]);
    assert.deepEqual(jq('{a: 2} < {b: 1}, [1, 2] < [1, 2, 0], nan < nan, 1 == 1.0'), [
      true,
      true,
      true,
      true,
    ]);
    assert.deepEqual(
      one('sort', ['\uffff', '😀']),
      ['\uffff', '😀'],
      'code point order, as Go compares bytes',
    );
  });
});

describe('collections', () => {
  it('length, keys, has, in, contains, inside', () => {
    assert.deepEqual(jq('.[] | length', [null, -5, 'é😀', [1], { a: 1 }]), [0, 5, 2, 1, 1]);
    assert.deepEqual(jq('keys, has("b"), ("b" | in({"b": 1}))', { b: 1, a: 2 }), [['a', 'b'], true, true]);
    assert.deepEqual(jq('contains({a: [1]}), contains({c: 1})', { a: [1, 2], b: 3 }), [true, false]);
    assert.deepEqual(one('contains(["a"])', [[1], 'abc']), true);
    assert.throws(() => jq('length', true), { message: 'length cannot be applied to: boolean (true)' });
  });

  it('sorting, grouping and extrema are stable and use [f] as the key', () => {
    const rows = [{ a: 2, b: 1 }, { a: 1 }, { a: 2, b: 2 }];
    assert.deepEqual(
      one('sort_by(.a) | map(.b)', rows),
      [undefined, 1, 2].map((x) => x ?? null),
    );
    assert.deepEqual(one('group_by(.a) | map(length)', rows), [1, 2]);
    assert.deepEqual(one('unique_by(.a) | map(.b)', rows), [null, 1]);
    assert.deepEqual(jq('min_by(.a).a, max_by(.a).b', rows), [1, 2]);
  });

  it('add, flatten, indices, transpose, combinations, range', () => {
    assert.deepEqual(jq('add, add(.[] | select(type == "string"))', ['a', null, 'b']), ['ab', 'ab']);
    assert.deepEqual(one('flatten(1)', [1, [2, [3]]]), [1, 2, [3]]);
    assert.deepEqual(one('indices(", ")', 'a, b, c'), [1, 4]);
    assert.deepEqual(jq('indices([1, 2]), indices(1), index(1), rindex(1)', [1, 2, 1, 2]), [
      [0, 2],
      [0, 2],
      0,
      2,
    ]);
    assert.throws(() => jq('indices([1])', 'abc'), {
      message: 'indices([1]) cannot be applied to: string ("abc")',
    });
    assert.deepEqual(one('transpose', [[1], [2, 3]]), [
      [1, 2],
      [null, 3],
    ]);
    assert.deepEqual(one('[combinations]', [[1, 2], [3]]), [
      [1, 3],
      [2, 3],
    ]);
    assert.deepEqual(jq('[range(0; 10; 3)], [range(5; 0; -2)], [range(2, 3)]'), [
      [0, 3, 6, 9],
      [5, 3, 1],
      [0, 1, 0, 1, 2],
    ]);
    assert.deepEqual(jq('[range(0; 1; 0)]'), [[]], 'a zero step is empty in gojq, not endless');
  });

  it('limit, first, last, nth, until, while, repeat, recurse', () => {
    assert.deepEqual(jq('[limit(2; .[])], first(.[]), last(.[]), nth(1; .[])', [5, 6, 7]), [[5, 6], 5, 7, 6]);
    assert.deepEqual(
      jq('[limit(3; repeat(1))]'),
      [[1, 1, 1]],
      "gojq's repeat(f) re-applies f to the same input",
    );
    assert.deepEqual(jq('[.[] | until(. > 100; . * 2)], [1 | while(. < 10; . * 3)]', [1, 50]), [
      [128, 200],
      [1, 3, 9],
    ]);
    assert.deepEqual(one('[recurse(if . < 3 then . + 1 else empty end)]', 0), [0, 1, 2, 3]);
    assert.throws(() => jq('limit(-1; 1)'), { message: "error: limit doesn't support negative count" });
  });
});

describe('strings and formats', () => {
  it('string functions', () => {
    assert.deepEqual(
      jq(
        'ltrimstr("a"), rtrimstr("c"), ascii_upcase, explode, (explode | implode), split("b"), .[1:]',
        'abc',
      ),
      ['bc', 'ab', 'ABC', [97, 98, 99], 'abc', ['a', 'c'], 'bc'],
    );
    assert.deepEqual(jq('trim, ltrim, rtrim', ' \t x \u00a0'), ['x', 'x \u00a0', ' \t x']);
    assert.deepEqual(one('join(", ")', ['a', 1, null, true]), 'a, 1, , true');
    assert.throws(() => jq('ltrimstr("a")', 1), {
      message: 'ltrimstr("a") cannot be applied to: number (1)',
    });
  });

  it('formats', () => {
    assert.deepEqual(jq('@csv, @tsv, @sh', ['a"b', 1, null, 'x\ty']), [
      '"a""b",1,,"x\ty"',
      'a"b\t1\t\tx\\ty',
      "'a\"b' 1 null 'x\ty'",
    ]);
    assert.deepEqual(jq('@base64, (@base64 | @base64d), @uri, @html, @json', 'é <&>'), [
      'w6kgPCY+',
      'é <&>',
      '%C3%A9%20%3C%26%3E',
      'é &lt;&amp;&gt;',
      '"é <&>"',
    ]);
    assert.throws(() => jq('@base64d', 'a'), {
      message: '@base64d cannot be applied to "a": illegal base64 data at input byte 0',
    });
    assert.throws(() => jq('@base32'), { message: 'format not defined: @base32' });
  });

  it('conversions', () => {
    assert.deepEqual(jq('.[] | tonumber', ['12', '1e3', '.5', '-1.5']), [12, 1000, 0.5, -1.5]);
    assert.throws(() => jq('tonumber', ' 1'), {
      message: 'tonumber cannot be applied to " 1": invalid number',
    });
    assert.deepEqual(jq('tostring, tojson, (tojson | fromjson)', { b: [1.5, null], a: 'x' }), [
      '{"a":"x","b":[1.5,null]}',
      '{"a":"x","b":[1.5,null]}',
      { a: 'x', b: [1.5, null] },
    ]);
    assert.throws(() => jq('fromjson', '1 2'), { message: 'fromjson cannot be applied to: string ("1 2")' });
  });
});

describe('environment-bound builtins', () => {
  it('env and $ENV are empty objects, as in Argo (gojq runs without an environment loader)', () => {
    assert.deepEqual(jq('env, $ENV, $ENV.HOME'), [{}, {}, null]);
  });

  it('input/inputs are rejected at compile time (Argo gives gojq no input stream)', () => {
    assert.throws(() => compileJq('input'), /input\/0 is not available/);
    assert.throws(() => compileJq('[inputs]'), /inputs\/0 is not available/);
  });

  it('functions gojq lacks are not defined here either', () => {
    for (const f of ['keys_unsorted', 'ascii', 'leaf_paths', 'input_line_number', 'debug', 'getpath']) {
      assert.throws(() => compileJq(f), JqError, f);
    }
  });

  it('builtins lists name/arity pairs', () => {
    const names = one('builtins') as string[];
    for (const n of ['map/1', 'select/1', 'sub/3', 'todate/0', 'builtins/0']) assert.ok(names.includes(n), n);
    assert.ok(!names.includes('input/0'));
  });
});
