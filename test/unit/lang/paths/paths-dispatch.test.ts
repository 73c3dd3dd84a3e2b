// getPath: `$`-paths go to JSONPath (jsonpath-plus, safe evaluator), everything else to gjson.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PathsError, getPath, isJsonPath, setPath, sjsonSet } from '../../../../src/lang/paths/index.js';
import { readme } from './fixtures.js';

describe('path dispatch', () => {
  it('recognises JSONPath only for $, $. and $[ prefixes', () => {
    assert.ok(isJsonPath('$'));
    assert.ok(isJsonPath('$.a'));
    assert.ok(isJsonPath('$..a'));
    assert.ok(isJsonPath('$[0]'));
    assert.ok(!isJsonPath('$schema'));
    assert.ok(!isJsonPath('a.$'));
    assert.ok(!isJsonPath(''));
  });

  it('keeps gjson for keys that start with $', () => {
    assert.equal(getPath({ $schema: 'v1' }, '$schema').str, 'v1');
  });

  it('uses gjson for ordinary paths', () => {
    assert.equal(getPath(readme(), 'friends.#(last=="Murphy")#.first').raw, '["Dale","Jane"]');
  });
});

describe('JSONPath results', () => {
  const doc = readme();

  it('one match gives that value', () => {
    const r = getPath(doc, '$.name.first');
    assert.equal(r.exists, true);
    assert.equal(r.type, 'String');
    assert.equal(r.str, 'Tom');
    assert.equal(getPath(doc, '$.age').str, '37');
    assert.equal(getPath(doc, '$.children').raw, '["Sara","Alex","Jack"]');
  });

  it('several matches give an array of them', () => {
    const r = getPath(doc, '$.friends[*].first');
    assert.equal(r.isArray, true);
    assert.equal(r.raw, '["Dale","Roger","Jane"]');
    assert.equal(getPath(doc, '$..last').raw, '["Anderson","Murphy","Craig","Murphy"]');
  });

  it('no match is missing', () => {
    const r = getPath(doc, '$.nope');
    assert.equal(r.exists, false);
    assert.equal(r.str, '');
    assert.equal(getPath(undefined, '$.a').exists, false);
  });

  it('evaluates filters with the safe evaluator', () => {
    assert.equal(getPath(doc, '$.friends[?(@.age > 45)].first').raw, '["Roger","Jane"]');
    assert.equal(getPath(doc, '$.friends[?(@.last === "Craig")].age').str, '68');
    assert.equal(getPath({ n: null }, '$.n').type, 'Null');
    assert.equal(getPath({ n: null }, '$.n').exists, true);
  });

  it('refuses prototype access in filters with a PathsError', () => {
    assert.throws(() => getPath({ a: [{ b: 1 }] }, '$.a[?(@.b.constructor)]'), PathsError);
  });
});

describe('setPath', () => {
  it('is sjson set', () => {
    assert.equal(setPath, sjsonSet);
    assert.deepEqual(setPath({ a: 1 }, 'b.c', 2), { a: 1, b: { c: 2 } });
  });
});
