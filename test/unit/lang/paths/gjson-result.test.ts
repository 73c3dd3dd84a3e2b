// The Result API Argo relies on: Exists, Type, Raw, String(), Float(), Bool(), Array().
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gjsonGet, gjsonResultOf } from '../../../../src/lang/gjson/index.js';

describe('gjson result types', () => {
  const doc = JSON.parse('{"s":"x","n":1.5,"t":true,"f":false,"z":null,"o":{"a":1},"a":[1,2]}');

  it('reports the gjson type of each JSON value', () => {
    assert.equal(gjsonGet(doc, 's').type, 'String');
    assert.equal(gjsonGet(doc, 'n').type, 'Number');
    assert.equal(gjsonGet(doc, 't').type, 'True');
    assert.equal(gjsonGet(doc, 'f').type, 'False');
    assert.equal(gjsonGet(doc, 'z').type, 'Null');
    assert.equal(gjsonGet(doc, 'o').type, 'JSON');
    assert.equal(gjsonGet(doc, 'a').type, 'JSON');
  });

  it('distinguishes JSON null (exists) from a missing path', () => {
    const z = gjsonGet(doc, 'z');
    assert.equal(z.exists, true);
    assert.equal(z.raw, 'null');
    assert.equal(z.str, '');
    assert.equal(z.value, null);
    const m = gjsonGet(doc, 'nope');
    assert.equal(m.exists, false);
    assert.equal(m.type, 'Null');
    assert.equal(m.raw, '');
    assert.equal(m.str, '');
    assert.equal(m.value, undefined);
    assert.equal(m.num, 0);
    assert.equal(m.bool, false);
  });

  it('gives raw as compact JSON and String() of objects as that raw text', () => {
    assert.equal(gjsonGet(doc, 'o').raw, '{"a":1}');
    assert.equal(gjsonGet(doc, 'o').str, '{"a":1}');
    assert.equal(gjsonGet(doc, 's').raw, '"x"');
    assert.equal(gjsonGet(doc, 's').str, 'x');
    assert.equal(gjsonGet(doc, 'o').isObject, true);
    assert.equal(gjsonGet(doc, 'o').isArray, false);
    assert.equal(gjsonGet(doc, 'a').isArray, true);
    assert.equal(gjsonGet(doc, 'a').isObject, false);
  });
});

describe('gjson String() of numbers', () => {
  const s = (json: string): string => gjsonGet(JSON.parse(`{"v":${json}}`), 'v').str;

  it('prints integers as digits and drops a trailing .0', () => {
    assert.equal(s('37'), '37');
    assert.equal(s('1.0'), '1');
    assert.equal(s('-0'), '-0');
    assert.equal(s('1.5'), '1.5');
    assert.equal(s('1002.3'), '1002.3');
  });

  it('never uses exponent form (Go FormatFloat "f", -1)', () => {
    assert.equal(s('1e3'), '1000');
    assert.equal(s('1e21'), '1000000000000000000000');
    assert.equal(s('1.5e-7'), '0.00000015');
    assert.equal(s('-2.5E+22'), '-25000000000000000000000');
  });

  it('keeps integers up to 2^53 exact; BigInt values print exactly', () => {
    assert.equal(s('9007199254740991'), '9007199254740991');
    assert.equal(gjsonResultOf(9007199254740993n).str, '9007199254740993');
    assert.equal(gjsonResultOf(9007199254740993n).type, 'Number');
    assert.equal(gjsonResultOf({ id: 9007199254740993n }).raw, '{"id":9007199254740993}');
  });

  it('prints the count from # as an integer', () => {
    assert.equal(gjsonGet([1, 2, 3, 4], '#').raw, '4');
    assert.equal(gjsonGet([1, 2, 3, 4], '#').str, '4');
  });
});

describe('gjson Bool() and Float()', () => {
  const r = (v: unknown) => gjsonResultOf(v);

  it('Bool follows strconv.ParseBool on the lower-cased string', () => {
    for (const t of ['1', 't', 'T', 'true', 'True', 'TRUE', 'tRuE']) assert.equal(r(t).bool, true, t);
    for (const f of ['0', 'f', 'F', 'false', 'FALSE', 'fAlSe', 'random', '', 'yes'])
      assert.equal(r(f).bool, false, f);
    assert.equal(r(true).bool, true);
    assert.equal(r(false).bool, false);
    assert.equal(r(1).bool, true);
    assert.equal(r(0).bool, false);
    assert.equal(r(null).bool, false);
    assert.equal(r({}).bool, false);
  });

  it('Float parses strings like strconv.ParseFloat and is 0 when it cannot', () => {
    assert.equal(r('1').num, 1);
    assert.equal(r(' 1').num, 0);
    assert.equal(r('1.5e2').num, 150);
    assert.equal(r('abc').num, 0);
    assert.equal(r('0x10').num, 0);
    assert.equal(r('0x1p4').num, 16);
    assert.equal(r('inf').num, Infinity);
    assert.ok(Number.isNaN(r('NaN').num));
    assert.equal(r(true).num, 1);
    assert.equal(r(false).num, 0);
    assert.equal(r(2.5).num, 2.5);
  });
});

describe('gjson Array()', () => {
  it('returns elements, [itself] for a non-array, [] for null and missing', () => {
    const doc = JSON.parse('{"key":"value","key2":[1,2,3,4,"A"],"n":null,"e":[],"one":[null]}');
    assert.deepEqual(
      gjsonGet(doc, 'key2')
        .array()
        .map((x) => x.str),
      ['1', '2', '3', '4', 'A'],
    );
    assert.deepEqual(
      gjsonGet(doc, 'key')
        .array()
        .map((x) => x.str),
      ['value'],
    );
    assert.equal(gjsonGet(doc, 'key2.#').array().length, 1);
    assert.equal(gjsonGet(doc, 'key3').array().length, 0);
    assert.equal(gjsonGet(doc, 'n').array().length, 0);
    assert.equal(gjsonGet(doc, 'e').array().length, 0);
    assert.equal(gjsonGet(doc, 'one').array().length, 1);
    assert.deepEqual(
      gjsonGet({ o: { a: 1 } }, 'o')
        .array()
        .map((x) => x.raw),
      ['{"a":1}'],
    );
  });

  it('lets a result be queried further with get()', () => {
    const doc = JSON.parse('{"a":{"b":[{"c":1},{"c":2}]}}');
    assert.equal(gjsonGet(doc, 'a').get('b.1.c').str, '2');
    assert.equal(gjsonGet(doc, 'missing').get('b').exists, false);
  });
});
