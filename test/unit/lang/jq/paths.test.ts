// Path expressions and the assignment operators built on them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileJq } from '../../../../src/lang/jq/index.js';

const jq = (q: string, input: unknown = null): unknown[] => compileJq(q).run(input);
const one = (q: string, input: unknown = null): unknown => jq(q, input)[0];

describe('path()', () => {
  const doc = { a: [1, { b: 2 }], c: null };

  it('reports where path expressions point', () => {
    assert.deepEqual(jq('path(.a[1].b), path(.a[0:1]), path(first(.a[])), path(getpath(["x", 0]))', doc), [
      ['a', 1, 'b'],
      ['a', { start: 0, end: 1 }],
      ['a', 0],
      ['x', 0],
    ]);
    assert.deepEqual(one('[paths]', doc), [['a'], ['a', 0], ['a', 1], ['a', 1, 'b'], ['c']]);
    assert.deepEqual(one('[paths(type == "number")]', doc), [
      ['a', 0],
      ['a', 1, 'b'],
    ]);
    assert.deepEqual(one('[path(..)] | length', doc), 6);
    assert.deepEqual(
      jq('path(.a // .c), path(if .c then .c else .a end), path(.a | select(length > 1))', doc),
      [['a'], ['a'], ['a']],
    );
  });

  it('computed values are not paths (the error names the value that broke the path)', () => {
    assert.throws(() => jq('path(1)'), { message: 'invalid path against: number (1)' });
    assert.throws(() => jq('path(.a | tostring)', { a: 1 }), {
      message: 'invalid path against: string ("1")',
    });
    assert.throws(() => jq('path(1 | .a)'), { message: 'expected an object but got: number (1)' });
    assert.throws(() => jq('path([1] | .[0])'), { message: 'invalid path against: array ([1])' });
    assert.deepEqual(jq('path(null)'), [[]]); // a literal equal to the input keeps the path
    assert.deepEqual(jq('path(1 | empty)'), []);
  });
});

describe('assignment', () => {
  it('= sets every path to each value of the right side (evaluated against .)', () => {
    assert.deepEqual(one('.a[] = .n', { a: [1, 2], n: 0 }), { a: [0, 0], n: 0 });
    assert.deepEqual(jq('.a = (1, 2)', {}), [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(one('.x.y[2] = 1', null), { x: { y: [null, null, 1] } });
    assert.throws(() => jq('.[-1] = 1', []), {
      message: 'setpath([-1]; 1) cannot be applied to []: array index should not be negative: -1',
    });
    assert.throws(() => jq('.a.b = 1', { a: [] }), {
      message: 'setpath(["a","b"]; 1) cannot be applied to {"a":[]}: expected an object but got: array ([])',
    });
  });

  it('|= replaces each path with the first output of the update, and deletes paths with none', () => {
    assert.deepEqual(one('.a |= (. + 1, . + 2)', { a: 1 }), { a: 2 });
    assert.deepEqual(one('.[] |= empty', [1, 2, 3]), []);
    assert.deepEqual(one('(.[] | select(. == 2)) |= empty', [1, 2, 3]), [1, 3]);
    assert.deepEqual(one('.a[] |= select(. > 1)', { a: [1, 2, 3] }), { a: [2, 3] });
    assert.deepEqual(one('.. |= (if type == "number" then . + 1 else . end)', [1, [2]]), [2, [3]]);
    assert.deepEqual(one('.a[1:] |= map(. * 10)', { a: [1, 2, 3] }), { a: [1, 20, 30] });
  });

  it('arithmetic updates evaluate the right side against the original input', () => {
    assert.deepEqual(one('.a += .b', { a: 1, b: 10 }), { a: 11, b: 10 });
    assert.deepEqual(one('.[] *= 2', { x: 1, y: 2 }), { x: 2, y: 4 });
    assert.deepEqual(one('.a -= 1 | .b /= 2 | .c %= 3', { a: 1, b: 5, c: 7 }), { a: 0, b: 2.5, c: 1 });
    assert.deepEqual(one('.a //= 1 | .b //= 1 | .c //= 1', { a: false, b: 2 }), { a: 1, b: 2, c: 1 });
    assert.deepEqual(jq('.a += (1, 2)', { a: 0 }), [{ a: 1 }, { a: 2 }]);
  });

  it('del, delpaths, setpath, getpath, pick', () => {
    assert.deepEqual(one('del(.[0, 2])', [1, 2, 3, 4]), [2, 4]);
    assert.deepEqual(one('del(.a, .b.c)', { a: 1, b: { c: 2, d: 3 } }), { b: { d: 3 } });
    assert.deepEqual(one('del(.. | nulls)', { a: null, b: [1, null] }), { b: [1] });
    assert.deepEqual(one('delpaths([["a", 0], ["a", 1]])', { a: [1, 2, 3] }), { a: [3] });
    assert.deepEqual(one('setpath(["a", 1]; 5)', null), { a: [null, 5] });
    assert.deepEqual(one('getpath(["a", 5, "x"])', { a: [] }), null);
    assert.deepEqual(one('pick(.a.b, .c[1])', { a: { b: 1, z: 2 }, c: [1, 2], d: 0 }), {
      a: { b: 1 },
      c: [null, 2],
    });
  });

  it('entries helpers', () => {
    assert.deepEqual(one('to_entries', { b: 1, a: 2 }), [
      { key: 'a', value: 2 },
      { key: 'b', value: 1 },
    ]);
    assert.deepEqual(one('from_entries', [{ name: 'a', value: 1 }, { Key: 'b', Value: 2 }, { key: 'c' }]), {
      a: 1,
      b: 2,
      c: null,
    });
    assert.deepEqual(one('with_entries(.value += 1)', { a: 1 }), { a: 2 });
    assert.throws(() => jq('from_entries', [{ key: 1, value: 2 }]), {
      message: 'expected a string for object key but got: number (1)',
    });
  });

  it('streams', () => {
    assert.deepEqual(one('[tostream]', { a: [1, { b: 2 }] }), [
      [['a', 0], 1],
      [['a', 1, 'b'], 2],
      [['a', 1, 'b']],
      [['a', 1]],
      [['a']],
    ]);
    assert.deepEqual(one('fromstream(tostream)', { a: [1, { b: 2 }] }), { a: [1, { b: 2 }] });
    assert.deepEqual(one('[1 | truncate_stream([[0], 1], [[1, 0], 2], [[1, 0]], [[1]])]'), [[[0], 2], [[0]]]);
  });

  it('objects with unusual keys are plain data', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}');
    assert.deepEqual(one('keys', input), ['__proto__', 'constructor']);
    assert.deepEqual(one('.__proto__.polluted', input), true);
    assert.deepEqual(one('.toString', {}), null);
    const out = one('.__proto__ = {"x": 1}', {}) as Record<string, unknown>;
    assert.deepEqual(Object.keys(out), ['__proto__']);
    assert.equal(({} as Record<string, unknown>)['x'], undefined);
  });
});
