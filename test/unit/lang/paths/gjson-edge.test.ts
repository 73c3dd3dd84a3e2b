// gjson edge cases: facts from gjson's own tests and from reading how its parser walks a path.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GjsonError, gjsonGet } from '../../../../src/lang/gjson/index.js';
import { info, readme, tilde } from './fixtures.js';

const get = gjsonGet;

describe('gjson keys and indexes', () => {
  it('empty path: only a key named "" matches', () => {
    assert.equal(get({ a: 1 }, '').exists, false);
    assert.equal(get({ '': 5 }, '').str, '5');
    assert.equal(get([1, 2], '').exists, false);
    assert.equal(get({ a: { '': 'e' } }, 'a.').str, 'e');
  });

  it('numeric components are object keys on objects and indexes on arrays', () => {
    assert.equal(get({ a: { '0': 'zero' } }, 'a.0').str, 'zero');
    assert.equal(get({ a: ['x', 'y'] }, 'a.1').str, 'y');
    assert.equal(get(readme(), 'children.01').str, 'Alex');
    assert.equal(get(readme(), 'children.-1').exists, false);
    assert.equal(get(readme(), 'children.3').exists, false);
    assert.equal(get(readme(), 'children.1x').exists, false);
    assert.equal(get(readme(), 'children.first').exists, false);
  });

  it('# is a count on arrays only; on an object it is the key "#"', () => {
    assert.equal(get({ a: [] }, 'a.#').str, '0');
    assert.equal(get({ a: { b: 1 } }, 'a.#').exists, false);
    assert.equal(get({ a: { '#': 'hash' } }, 'a.#').str, 'hash');
    assert.equal(get({ a: 'text' }, 'a.#').exists, false);
    assert.equal(get({ a: 'text' }, 'a.#.b').exists, false);
  });

  it('scalars have nothing below them', () => {
    assert.equal(get({ a: 'x' }, 'a.b').exists, false);
    assert.equal(get('x', 'a').exists, false);
    assert.equal(get(5, '0').exists, false);
    assert.equal(get(undefined, 'a').exists, false);
  });

  it('escapes special characters in keys', () => {
    const doc = JSON.parse(`{"test":{"*":"valZ","*v":"val0","keyv*":"val1","key*v":"val2","keyv?":"val3",
      "key?v":"val4","keyv.":"val5","key.v":"val6","keyk*":{"key?":"val7"},"a|b":"pipe"}}`);
    assert.equal(get(doc, 'test.\\*').str, 'valZ');
    assert.equal(get(doc, 'test.\\*v').str, 'val0');
    assert.equal(get(doc, 'test.keyv\\*').str, 'val1');
    assert.equal(get(doc, 'test.key\\*v').str, 'val2');
    assert.equal(get(doc, 'test.keyv\\?').str, 'val3');
    assert.equal(get(doc, 'test.key\\?v').str, 'val4');
    assert.equal(get(doc, 'test.keyv\\.').str, 'val5');
    assert.equal(get(doc, 'test.key\\.v').str, 'val6');
    assert.equal(get(doc, 'test.keyk\\*.key\\?').str, 'val7');
    assert.equal(get(doc, 'test.a\\|b').str, 'pipe');
  });

  it('matches wildcards by code point', () => {
    const doc = JSON.parse('{"key":0,"的情况下解":{"key":1,"的情况":2}}');
    assert.equal(get(doc, '的情况下解.key').num, 1);
    assert.equal(get(doc, '的情况下解.的?况').num, 2);
    assert.equal(get(doc, '的情况下解.的?*').num, 2);
    assert.equal(get(doc, '的情况下解.*?况').num, 2);
    assert.equal(get(doc, '的情?下解.*?况').num, 2);
    assert.equal(get(doc, '的情下解.*?况').exists, false);
  });

  it('a wildcard key tries the next matching key when the rest of the path is missing', () => {
    const doc = { a1: { y: 1 }, a2: { x: 2 }, a3: { x: 3 } };
    assert.equal(get(doc, 'a*.x').str, '2');
    assert.equal(get(doc, 'a?').raw, '{"y":1}');
  });

  it('reads own properties only', () => {
    assert.equal(get({}, 'constructor').exists, false);
    assert.equal(get({ a: [] }, 'a.length').exists, false);
    assert.equal(get(JSON.parse('{"__proto__":{"x":1}}'), '__proto__.x').str, '1');
  });
});

describe('gjson projections (#.)', () => {
  it('collects only the elements where the path exists (null counts)', () => {
    const doc = { a: [{ x: 1 }, {}, { x: null }, 's', [1]] };
    assert.equal(get(doc, 'a.#.x').raw, '[1,null]');
    assert.equal(get({ a: [] }, 'a.#.x').raw, '[]');
    assert.equal(get(info(), 'info.friends.#.asd').raw, '[]');
  });

  it('evaluates multipaths per element, including on scalars', () => {
    const doc = JSON.parse('[{"a":1},{"a":2,"values":["a","b","c","d","e"]},true,["a","b","c","d","e"],4]');
    assert.equal(get(doc, '1.values.[0,3]').raw, '["a","d"]');
    assert.equal(get(doc, '3.[0,3]').raw, '["a","d"]');
    assert.equal(get(doc, '#.[0,3]').raw, '[[],[],[],["a","d"],[]]');
    assert.equal(get(doc, '#.@ugly').raw, JSON.stringify(doc));
  });

  it('chains pipes and projections as gjson does', () => {
    const doc = JSON.parse('[{"c":[{"a":10.11}]},{"c":[{"a":11.11}]}]');
    assert.equal(get(doc, '#.c.#[a=10.11]').str, '[{"a":10.11}]');
    assert.equal(get(doc, '#.c.#').str, '[1,1]');
    assert.equal(get(doc, '@reverse|0|c|0|a').str, '11.11');
    assert.equal(get(doc, '#.c|#').str, '2');
  });
});

describe('gjson queries: operators and values', () => {
  const doc = info();
  it('compares numbers', () => {
    assert.ok(get(doc, 'i*.f*.#[extra.0<11].first').exists);
    assert.ok(get(doc, 'i*.f*.#[extra.0<=11].first').exists);
    assert.ok(!get(doc, 'i*.f*.#[extra.0<10].first').exists);
    assert.ok(get(doc, 'i*.f*.#[extra.0<=10].first').exists);
    assert.ok(get(doc, 'i*.f*.#[extra.0=10].first').exists);
    assert.ok(!get(doc, 'i*.f*.#[extra.0=11].first').exists);
    assert.equal(get(doc, 'i*.f*.#[extra.0!=10].first').str, 'Roger');
    assert.equal(get(doc, 'i*.f*.#[extra.0>10].first').str, 'Roger');
    assert.equal(get(doc, 'i*.f*.#[extra.0>=10].first').str, 'Dale');
    // A quoted right-hand side still compares numerically against a number.
    assert.ok(get(doc, 'i*.f*.#[extra.0<"11"].first').exists);
    assert.equal(get(readme(), 'friends.#(age=="44").first').str, 'Dale');
  });

  it('compares strings', () => {
    assert.equal(get(doc, 'i*.f*.#[first>"Dale"].last').str, 'Craig');
    assert.equal(get(doc, 'i*.f*.#[first>="Dale"].last').str, 'Murphy');
    assert.equal(get(doc, 'i*.f*.#[first!="Dale"].last').str, 'Craig');
    assert.ok(!get(doc, 'i*.f*.#[first<"Dale"].last').exists);
    assert.ok(get(doc, 'i*.f*.#[first<="Dale"].last').exists);
    assert.ok(get(doc, 'i*.f*.#[first%"Dale"].last').exists);
    assert.equal(get(doc, 'i*.f*.#[first%"*a*"]#|#').str, '1');
    assert.equal(get(doc, 'i*.f*.#[first%"*e*"]#|#').str, '2');
    assert.equal(get(doc, 'i*.f*.#[first!%"*e*"]#|#').str, '0');
    assert.equal(get(readme(), 'friends.#(first==Dale).last').str, 'Murphy');
    assert.equal(get(readme(), 'friends.#( first == "Jane" ).age').str, '47');
  });

  it('orders strings by UTF-8 bytes, not UTF-16 units', () => {
    const doc = { s: ['\uFFFD', '😀', 'a'] };
    assert.equal(get(doc, 's.#(>"\uFFFD")#').raw, '["😀"]');
    assert.equal(get(doc, 's.#(<"😀")#').raw, '["\uFFFD","a"]');
  });

  it('compares booleans the way gjson does', () => {
    assert.equal(get(doc, 'i*.f*.#[cust1=true].first').str, 'Dale');
    assert.equal(get(doc, 'i*.f*.#[cust2=false].first').str, 'Roger');
    assert.equal(get(doc, 'i*.f*.#[cust1!=false].first').str, 'Dale');
    assert.equal(get(doc, 'i*.f*.#[cust2!=true].first').str, 'Roger');
    assert.ok(!get(doc, 'i*.f*.#[cust1>true].first').exists);
    assert.ok(get(doc, 'i*.f*.#[cust1>=true].first').exists);
    assert.ok(!get(doc, 'i*.f*.#[cust2<false].first').exists);
    assert.ok(get(doc, 'i*.f*.#[cust2<=false].first').exists);
  });

  it('missing fields never match, not even with !=', () => {
    assert.equal(get(readme(), 'friends.#(nick=="x")').exists, false);
    assert.equal(get(readme(), 'friends.#(nick!="x")#').raw, '[]');
    assert.equal(get(readme(), 'friends.#(nick)#').raw, '[]');
    assert.equal(get(readme(), 'friends.#(nets)#.first').raw, '["Dale","Roger","Jane"]');
    assert.equal(get([], '#(hello)#').raw, '[]');
  });

  it('queries array values of mixed types', () => {
    const doc =
      JSON.parse(`{"artists":[["Bob Dylan"],"John Lennon","Mick Jagger","Elton John","Michael Jackson",
      "John Smith",true,123,456,false,null]}`);
    assert.equal(get(doc, 'a*.#[0="Bob Dylan"]#|#').str, '1');
    assert.equal(get(doc, 'a*.#[0="Bob Dylan 2"]#|#').str, '0');
    assert.equal(get(doc, 'a*.#[%"John*"]#|#').str, '2');
    assert.equal(get(doc, 'a*.#[_%"John*"]#|#').str, '0');
    assert.equal(get(doc, 'a*.#[="123"]#|#').str, '1');
  });

  it('compares against an empty value', () => {
    const doc = ['ig', '', 'tw', 'fb', 'tw', 'ig', 'tw'];
    assert.equal(get(doc, '#(!="")#').raw, '["ig","tw","fb","tw","ig","tw"]');
    assert.equal(get(doc, '#(!=)#').raw, '["ig","tw","fb","tw","ig","tw"]');
  });

  it('resolves escapes in quoted values', () => {
    const doc = JSON.parse(
      '{"friends":[{"last":"Mur\\nphy","age":44},{"last":"Murphy","age":47},{"last":"a\\"b","age":1}]}',
    );
    assert.equal(get(doc, 'friends.#(last=="Mur\\nphy").age').num, 44);
    assert.equal(get(doc, 'friends.#(last=="Murphy").age').num, 47);
    assert.equal(get(doc, 'friends.#(last=="a\\"b").age').num, 1);
  });

  it('~ converts values to booleans before comparing', () => {
    const doc = tilde();
    assert.equal(get(doc, 'vals.#(b==~true)#.a').raw, '[2,6,7,8]');
    assert.equal(get(doc, 'vals.#(b!=~true)#.a').raw, '[1,3,4,5,9,10,11]');
    assert.equal(get(doc, 'vals.#(b==~false)#.a').raw, '[3,4,5,9,10,11]');
    assert.equal(get(doc, 'vals.#(b!=~false)#.a').raw, '[1,2,6,7,8]');
    assert.equal(get(doc, 'vals.#(b==~null)#.a').raw, '[10,11]');
    assert.equal(get(doc, 'vals.#(b!=~null)#.a').raw, '[1,2,3,4,5,6,7,8,9]');
    assert.equal(get(doc, 'vals.#(b==~*)#.a').raw, '[1,2,3,4,5,6,7,8,9,10]');
    assert.equal(get(doc, 'vals.#(b!=~*)#.a').raw, '[11]');
  });

  it('a first-match query stops at the first match even if the rest of the path is missing', () => {
    const doc = { items: [{ k: 1 }, { k: 1, v: 'second' }] };
    assert.equal(get(doc, 'items.#(k==1).v').exists, false);
    assert.equal(get(doc, 'items.#(k==1)#.v').raw, '["second"]');
  });

  it('nested query with spaces', () => {
    const doc = JSON.parse(`{"topology":{"instances":[
      {"service_version":"1.2.3","service_roles":["one","two"]},
      {"service_version":"1.2.4","service_roles":["three","four"]},
      {"service_version":"1.2.2","service_roles":["one"]}]}}`);
    assert.equal(
      get(doc, 'topology.instances.#( service_roles.#(=="one"))#.service_version').raw,
      '["1.2.3","1.2.2"]',
    );
  });

  it('an unbalanced query matches nothing', () => {
    assert.equal(get(readme(), 'friends.#(last=="Murphy"').exists, false);
  });
});

describe('gjson modifiers in detail', () => {
  it('@flatten, shallow and deep', () => {
    const doc = JSON.parse('[1,[2],[3,4],[5,[6,[7]]],{"hi":"there"},8,[9]]');
    assert.equal(get(doc, '@flatten').raw, '[1,2,3,4,5,[6,[7]],{"hi":"there"},8,9]');
    assert.equal(get(doc, '@flatten:{"deep":true}').raw, '[1,2,3,4,5,6,7,{"hi":"there"},8,9]');
    assert.equal(get({ '9999': 1234 }, '@flatten').raw, '{"9999":1234}');
    assert.equal(
      get(JSON.parse('[[1],[2,[[],[3]],[4,[5],[],[[[6]]]]]]'), '@flatten:{"deep":true}').raw,
      '[1,2,3,4,5,6]',
    );
  });

  it('@join', () => {
    assert.equal(get([{}, {}], '@join').raw, '{}');
    assert.equal(get([{ a: 1 }, { b: 2 }], '@join').raw, '{"a":1,"b":2}');
    assert.equal(get([{ a: 1, b: 1 }, { b: 2 }, 5, { c: 3 }], '@join').raw, '{"a":1,"b":2,"c":3}');
    assert.equal(get({ '9999': 1234 }, '@join').raw, '{"9999":1234}');
  });

  it('@keys and @values', () => {
    assert.equal(get({ b: 1, a: 2 }, '@keys').raw, '["b","a"]');
    assert.equal(get('hello', '@keys').raw, '[null]');
    assert.equal(get([], '@keys').raw, '[]');
    assert.equal(get([1, 2, 3], '@keys').raw, '[null,null,null]');
    assert.equal(get('hello', '@values').raw, '["hello"]');
    assert.equal(get([1, 2, 3], '@values').raw, '[1,2,3]');
    assert.equal(get({ x: { code: 'a' }, y: { code: 'b' } }, '@values.#.code').raw, '["a","b"]');
  });

  it('@tostr and @fromstr', () => {
    const doc = { Message: '{"Records":[{"eventVersion":"2.1"}]}' };
    assert.equal(get(doc, 'Message.@fromstr.Records.#.eventVersion.@tostr').raw, '["\\"2.1\\""]');
    assert.equal(get({ a: { b: 1 } }, 'a.@tostr').str, '{"b":1}');
    assert.equal(get({ a: 'not json' }, 'a.@fromstr').exists, false);
  });

  it('@group', () => {
    assert.equal(
      get({ id: ['123', '456', '789'], val: [2, 1] }, '@group').raw,
      '[{"id":"123","val":2},{"id":"456","val":1},{"id":"789"}]',
    );
    const doc =
      JSON.parse(`{"issues":[{"fields":{"labels":["milestone_1","group:foo","plan:a","plan:b"]},"id":"123"},
      {"fields":{"labels":["milestone_1","group:foo","plan:a","plan"]},"id":"456"}]}`);
    assert.equal(
      get(doc, '{"id":issues.#.id,"plans":issues.#.fields.labels.#(%"plan:*")#|#.#}|@group|#(plans>=2)#.id')
        .raw,
      '["123"]',
    );
  });

  it('@dig', () => {
    const doc =
      JSON.parse(`{"something":{"anything":{"abcdefg":{"finally":{"important":{"secret":"password","name":"jake"}},
      "name":"melinda"}}}}`);
    assert.equal(get(doc, '@dig:name').raw, '["melinda","jake"]');
    assert.equal(get(doc, '@dig:secret').raw, '["password"]');
    const issues = {
      group: { issues: [{ refid: '123', f: 'one' }, [{ deep: [{ refid: '789', f: 'three' }] }]] },
    };
    assert.equal(get(issues, 'group.@dig:#(refid=123)|0.f').str, 'one');
    assert.equal(get(issues, 'group.@dig:#(refid=789)|0.f').str, 'three');
  });

  it('@this, @valid, @ugly and @pretty keep the value', () => {
    const doc = { other: { hello: 'world' }, arr: [1, 2, 3, 4, 5, 6] };
    assert.equal(get(doc, '@this').raw, JSON.stringify(doc));
    assert.equal(get(doc, 'other.@this').raw, '{"hello":"world"}');
    assert.equal(get(doc, '@pretty|@reverse|arr|@reverse|2').str, '4');
    assert.equal(get(doc, '@valid.other.hello').str, 'world');
    assert.equal(get(doc, '@pretty:{"sortKeys":true}|arr.0').str, '1');
  });

  it('does not modify the document', () => {
    const doc = { a: [1, 2, 3], o: { x: 1, y: 2 } };
    get(doc, 'a.@reverse');
    get(doc, 'o.@reverse');
    get(doc, 'a|@flatten');
    assert.deepEqual(doc, { a: [1, 2, 3], o: { x: 1, y: 2 } });
  });
});

describe('gjson pipes after a missing value', () => {
  it('stay missing (we do not run modifiers on nothing)', () => {
    assert.equal(get({ a: {} }, 'a.b|@keys').exists, false);
    assert.equal(get({}, 'nope|@this').exists, false);
  });
});

describe('gjson path limits', () => {
  it('rejects absurdly nested paths with a GjsonError that points at the offset', () => {
    const path = `${'a.#.'.repeat(80)}b`;
    assert.throws(
      () => get({}, path),
      (e: unknown) =>
        e instanceof GjsonError && /nesting deeper than 64/.test(e.message) && /offset \d+/.test(e.message),
    );
  });

  it('handles long plain paths', () => {
    let doc: unknown = 'deep';
    for (let i = 0; i < 500; i++) doc = { k: doc };
    assert.equal(get(doc, Array(500).fill('k').join('.')).str, 'deep');
  });

  it('caches compiled paths and gives the same answers on repeat', () => {
    const doc = readme();
    for (let i = 0; i < 3; i++)
      assert.equal(get(doc, 'friends.#(last=="Murphy")#.first').raw, '["Dale","Jane"]');
  });
});
