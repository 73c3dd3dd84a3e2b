// sjson Set/Delete: expectations from sjson's README and tests, replayed on parsed values.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_ARRAY_INDEX, SjsonError, sjsonDelete, sjsonSet } from '../../../../src/lang/sjson/index.js';
import { gjsonGet } from '../../../../src/lang/gjson/index.js';
import { readme } from './fixtures.js';

const j = (text: string): unknown => (text === '' ? undefined : JSON.parse(text));
const set = (doc: string, path: string, value: unknown): unknown => sjsonSet(j(doc), path, value);
const del = (doc: string, path: string): unknown => sjsonDelete(j(doc), path);

describe('sjson set (README)', () => {
  it('creates documents and nested objects', () => {
    assert.deepEqual(set('', 'name', 'Tom'), { name: 'Tom' });
    assert.deepEqual(set('', 'name.last', 'Anderson'), { name: { last: 'Anderson' } });
    assert.deepEqual(set('{"name":{"last":"Anderson"}}', 'name.first', 'Sara'), {
      name: { last: 'Anderson', first: 'Sara' },
    });
    assert.deepEqual(set('{"name":{"last":"Anderson"}}', 'name.last', 'Smith'), { name: { last: 'Smith' } });
  });

  it('sets, appends (-1) and pads arrays with null', () => {
    assert.deepEqual(set('{"friends":["Andy","Carol"]}', 'friends.2', 'Sara'), {
      friends: ['Andy', 'Carol', 'Sara'],
    });
    assert.deepEqual(set('{"friends":["Andy","Carol"]}', 'friends.-1', 'Sara'), {
      friends: ['Andy', 'Carol', 'Sara'],
    });
    assert.deepEqual(set('{"friends":["Andy","Carol"]}', 'friends.4', 'Sara'), {
      friends: ['Andy', 'Carol', null, null, 'Sara'],
    });
  });

  it('keeps the key order: replaced keys stay, new keys go last', () => {
    assert.equal(JSON.stringify(set('{"a":1,"b":2}', 'a', 9)), '{"a":9,"b":2}');
    assert.equal(JSON.stringify(set('{"a":1,"b":2}', 'c', 3)), '{"a":1,"b":2,"c":3}');
  });
});

describe('sjson set (sjson tests)', () => {
  it('handles arrays at the root and padding', () => {
    assert.deepEqual(set('[{"hi":"world"}]', '0.hiw', 'planet'), [{ hi: 'world', hiw: 'planet' }]);
    assert.deepEqual(set('', '0', true), [true]);
    assert.deepEqual(set('', '1', true), [null, true]);
    assert.deepEqual(set('[1]', '2', true), [1, null, true]);
    assert.deepEqual(set('[1,null,false]', '1', true), [1, true, false]);
    assert.deepEqual(set('[1,{"hello":"when","this":[0,1,2]},false]', '1.this.1', null), [
      1,
      { hello: 'when', this: [0, null, 2] },
      false,
    ]);
    assert.deepEqual(set('{"a":1,"b":{"hello":"when","this":[0,null,2]},"c":false}', 'b.this.4', 4), {
      a: 1,
      b: { hello: 'when', this: [0, null, 2, null, 4] },
      c: false,
    });
    assert.deepEqual(set('', 'b.this.4', 4), { b: { this: [null, null, null, null, 4] } });
    assert.deepEqual(set('', '1.this.4', 4), [null, { this: [null, null, null, null, 4] }]);
    assert.deepEqual(set('[ 1,2 ]', '-1', 3), [1, 2, 3]);
    assert.deepEqual(set('', 'arr.-1', 1), { arr: [1] });
  });

  it('forces object keys with a leading ":" and escapes with "\\"', () => {
    assert.deepEqual(set('', ':1.this.4', 4), { '1': { this: [null, null, null, null, 4] } });
    assert.deepEqual(set('', '\\:1.this.4', 4), { ':1': { this: [null, null, null, null, 4] } });
    assert.deepEqual(set('', '\\:\\\\1.this.4.\\.HI', 4), {
      ':\\1': { this: [null, null, null, null, { '.HI': 4 }] },
    });
    assert.deepEqual(set('{"app.token":"abc"}', 'app\\.token', 'cde'), { 'app.token': 'cde' });
    assert.deepEqual(set('', 'b.this.😇', ''), { b: { this: { '😇': '' } } });
  });

  it('sets values of any JSON type', () => {
    assert.deepEqual(set('{"key":true}', 'key', null), { key: null });
    assert.deepEqual(set('{"key":true}', 'key', 10.5), { key: 10.5 });
    assert.deepEqual(set('{"key":true}', 'key', ['hello', 'world']), { key: ['hello', 'world'] });
    assert.deepEqual(set('{"key":true}', 'key', { hello: 'world' }), { key: { hello: 'world' } });
    assert.deepEqual(set('', 'a', 'C:\\Windows\\System32'), { a: 'C:\\Windows\\System32' });
  });

  it('uses numeric components as keys on objects and replaces scalars in the way', () => {
    assert.deepEqual(set('{"a":{"x":1}}', 'a.0', 'v'), { a: { x: 1, '0': 'v' } });
    assert.deepEqual(set('{"a":"x"}', 'a.b', 1), { a: { b: 1 } });
    assert.deepEqual(set('{"a":1}', 'a.0', 1), { a: [1] });
    assert.deepEqual(set('{"a":[1]}', 'a.:0', 2), { a: [2] });
  });

  it('reports sjson errors', () => {
    assert.throws(
      () => set('{}', '', 1),
      (e: unknown) => e instanceof SjsonError && /path cannot be empty/.test(e.message),
    );
    assert.throws(
      () => set('{"a":[1]}', 'a.x', 1),
      (e: unknown) =>
        e instanceof SjsonError && /cannot set array element for non-numeric key 'x'/.test(e.message),
    );
    assert.throws(() => set('{"a":[1]}', 'a.:5', 1), SjsonError);
  });

  it('refuses indexes that would pad the array absurdly', () => {
    assert.throws(
      () => set('[]', String(MAX_ARRAY_INDEX + 1), 1),
      (e: unknown) => e instanceof SjsonError && /pad/.test(e.message),
    );
    assert.throws(() => set('', `a.${MAX_ARRAY_INDEX + 1}`, 1), SjsonError);
  });

  it('sets through gjson paths (queries, wildcards) by replacing existing values only', () => {
    const doc = readme();
    const one = sjsonSet(doc, 'friends.#(last="Murphy").last', 'Johnson');
    assert.equal(gjsonGet(one, 'friends.#.last').raw, '["Johnson","Craig","Murphy"]');
    const all = sjsonSet(doc, 'friends.#(last="Murphy")#.last', 'Johnson');
    assert.equal(gjsonGet(all, 'friends.#.last').raw, '["Johnson","Craig","Johnson"]');
    const each = sjsonSet(doc, 'friends.#.age', 1);
    assert.equal(gjsonGet(each, 'friends.#.age').raw, '[1,1,1]');
    const wild = sjsonSet(doc, 'fr*.1.first', 'Rog');
    assert.equal(gjsonGet(wild, 'friends.1.first').str, 'Rog');
    const ctx = JSON.parse('{"@context":{"rdfs":"r","@vocab":"http://schema.org/"}}');
    assert.equal(gjsonGet(sjsonSet(ctx, '@context.@vocab', 'newval'), '@context.@vocab').str, 'newval');
    // Nothing found, or a computed result: the document comes back unchanged.
    assert.equal(sjsonSet(doc, 'friends.#(last="Nobody").last', 'x'), doc);
    assert.equal(sjsonSet(doc, 'friends.#', 5), doc);
    assert.equal(sjsonSet(doc, 'friends|0.first', 'x'), doc);
    assert.deepEqual(doc, readme());
  });
});

describe('sjson delete', () => {
  it('deletes keys and array elements (-1 is the last)', () => {
    assert.deepEqual(del('{"name":{"first":"Sara","last":"Anderson"}}', 'name.first'), {
      name: { last: 'Anderson' },
    });
    assert.deepEqual(del('{"friends":["Andy","Carol"]}', 'friends.1'), { friends: ['Andy'] });
    assert.deepEqual(del('{"friends":["Andy","Carol"]}', 'friends.-1'), { friends: ['Andy'] });
    assert.deepEqual(del('[123,456]', '0'), [456]);
    assert.deepEqual(del('[123,456,789]', '1'), [123, 789]);
    assert.deepEqual(del('[123,456,789]', '-1'), [123, 456]);
    assert.deepEqual(del('{"a":[123,456,789]}', 'a.-1'), { a: [123, 456] });
    assert.deepEqual(del('{"this":"that","and":"another"}', 'this'), { and: 'another' });
    assert.deepEqual(del('{"and":"another"}', 'and'), {});
    assert.deepEqual(del('{"data":{"key1":"value1","key2.something":"value2"}}', 'data.key2\\.something'), {
      data: { key1: 'value1' },
    });
  });

  it('returns the same document when there is nothing to delete', () => {
    const doc = { '1': '2' };
    assert.equal(sjsonDelete(doc, '3'), doc);
    assert.equal(sjsonDelete(doc, '1.x.y'), doc);
    const empty: unknown[] = [];
    assert.equal(sjsonDelete(empty, '-1'), empty);
  });

  it('refuses complex paths and empty paths', () => {
    assert.throws(
      () => del('{"a":[1]}', 'a.#'),
      (e: unknown) => e instanceof SjsonError && /complex path/.test(e.message),
    );
    assert.throws(() => del('{}', ''), SjsonError);
  });
});

describe('sjson never changes its inputs', () => {
  it('copies the containers on the path and shares the rest', () => {
    const doc = { a: { b: [1, 2] }, other: { big: [1, 2, 3] } };
    const before = JSON.stringify(doc);
    const out = sjsonSet(doc, 'a.b.5', 'x') as typeof doc;
    assert.equal(JSON.stringify(doc), before);
    assert.notEqual(out.a, doc.a);
    assert.equal(out.other, doc.other);
    sjsonDelete(doc, 'a.b.0');
    assert.equal(JSON.stringify(doc), before);
  });

  it('stores a copy of the value', () => {
    const value = { n: 1 };
    const out = sjsonSet({}, 'v', value) as { v: { n: number } };
    value.n = 2;
    assert.equal(out.v.n, 1);
  });

  it('keeps "__proto__" as a plain key', () => {
    const out = sjsonSet({}, '__proto__.x', 1) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });
});
