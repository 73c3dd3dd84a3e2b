// Expectations from gjson's README and SYNTAX.md (the documented answers for the example document).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gjsonGet } from '../../../../src/lang/gjson/index.js';
import { readme } from './fixtures.js';

const doc = readme();
const str = (path: string): string => gjsonGet(doc, path).str;
const raw = (path: string): string => gjsonGet(doc, path).raw;
const missing = (path: string): boolean => !gjsonGet(doc, path).exists;

describe('gjson basic paths', () => {
  it('reads keys and array indexes', () => {
    assert.equal(str('name.last'), 'Anderson');
    assert.equal(str('name.first'), 'Tom');
    assert.equal(str('age'), '37');
    assert.equal(raw('children'), '["Sara","Alex","Jack"]');
    assert.equal(str('children.0'), 'Sara');
    assert.equal(str('children.1'), 'Alex');
    assert.equal(str('friends.1.first'), 'Roger');
    assert.equal(gjsonGet(doc, 'friends.1').isObject, true);
  });

  it('matches keys with * and ? wildcards', () => {
    assert.equal(str('child*.2'), 'Jack');
    assert.equal(str('c?ildren.0'), 'Sara');
    assert.equal(str('*.last'), 'Anderson');
  });

  it('escapes a dot in a key', () => {
    assert.equal(str('fav\\.movie'), 'Deer Hunter');
    assert.ok(missing('fav.movie'));
  });
});

describe('gjson arrays', () => {
  it('counts with # and projects with #.field', () => {
    assert.equal(gjsonGet(doc, 'friends.#').num, 3);
    assert.equal(gjsonGet(doc, 'friends.#').type, 'Number');
    assert.equal(raw('friends.#.age'), '[44,68,47]');
    assert.equal(raw('friends.#.first'), '["Dale","Roger","Jane"]');
  });

  it('projects nested arrays (a.#.b.#.c style)', () => {
    assert.equal(raw('friends.#.nets'), '[["ig","fb","tw"],["fb","tw"],["ig","tw"]]');
    assert.equal(raw('friends.#.nets.#'), '[3,2,2]');
    assert.equal(raw('friends.#.nets.0'), '["ig","fb","ig"]');
  });
});

describe('gjson queries', () => {
  it('returns the first match or all matches', () => {
    assert.equal(str('friends.#(last=="Murphy").first'), 'Dale');
    assert.equal(raw('friends.#(last=="Murphy")#.first'), '["Dale","Jane"]');
    assert.equal(raw('friends.#(age>45)#.last'), '["Craig","Murphy"]');
  });

  it('supports like (%) and not-like (!%)', () => {
    assert.equal(str('friends.#(first%"D*").last'), 'Murphy');
    assert.equal(str('friends.#(first!%"D*").last'), 'Craig');
  });

  it('queries plain array values without a path', () => {
    assert.equal(str('children.#(!%"*a*")'), 'Alex');
    assert.equal(raw('children.#(%"*a*")#'), '["Sara","Jack"]');
  });

  it('nests queries', () => {
    assert.equal(raw('friends.#(nets.#(=="fb"))#.first'), '["Dale","Roger"]');
  });

  it('accepts the legacy #[...] brackets', () => {
    assert.equal(str('friends.#[last="Craig"].first'), 'Roger');
  });
});

describe('gjson dot vs pipe', () => {
  it('gives the documented answers', () => {
    assert.equal(str('friends.0.first'), 'Dale');
    assert.equal(str('friends|0.first'), 'Dale');
    assert.equal(str('friends.0|first'), 'Dale');
    assert.equal(str('friends|0|first'), 'Dale');
    assert.equal(str('friends|#'), '3');
    assert.equal(str('friends.#'), '3');
    assert.equal(raw('friends.#(last="Murphy")#.first'), '["Dale","Jane"]');
    assert.ok(missing('friends.#(last="Murphy")#|first'));
    assert.equal(raw('friends.#(last="Murphy")#.0'), '[]');
    assert.equal(str('friends.#(last="Murphy")#|0.first'), 'Dale');
    assert.equal(raw('friends.#(last="Murphy")#.#'), '[]');
    assert.equal(str('friends.#(last="Murphy")#|#'), '2');
  });

  it('applies a pipe after a projection to the whole projected array', () => {
    assert.equal(raw('friends.#.nets|0'), '["ig","fb","tw"]');
    assert.equal(str('friends.#.first|1'), 'Roger');
  });
});

describe('gjson modifiers', () => {
  it('@reverse, @this, @keys, @values', () => {
    assert.equal(raw('children.@reverse'), '["Jack","Alex","Sara"]');
    assert.equal(str('children.@reverse.0'), 'Jack');
    assert.equal(str('children|@reverse|0'), 'Jack');
    assert.equal(str('@this.name.first'), 'Tom');
    assert.equal(raw('name.@keys'), '["first","last"]');
    assert.equal(raw('name.@values'), '["Tom","Anderson"]');
    assert.equal(raw('name.@reverse'), '{"last":"Anderson","first":"Tom"}');
  });

  it('@flatten and @join', () => {
    assert.equal(raw('friends.#.nets|@flatten'), '["ig","fb","tw","fb","tw","ig","tw"]');
    assert.equal(raw('[name,{"x":age}]|@join'), '{"first":"Tom","last":"Anderson","x":37}');
  });

  it('runs modifiers per element inside a projection', () => {
    assert.equal(raw('friends.#.nets.@reverse'), '[["tw","fb","ig"],["tw","fb"],["tw","ig"]]');
  });

  it('treats an unknown @name as a plain key', () => {
    assert.equal(gjsonGet({ '@key': 'value' }, '@key').str, 'value');
    assert.equal(gjsonGet({ '@key': 'value' }, '\\@key').str, 'value');
  });
});

describe('gjson multipaths and literals', () => {
  it('builds objects and arrays from several paths', () => {
    assert.equal(
      raw('{name.first,age,"the_murphys":friends.#(last="Murphy")#.first}'),
      '{"first":"Tom","age":37,"the_murphys":["Dale","Jane"]}',
    );
    assert.equal(raw('[name.first,age]'), '["Tom",37]');
    assert.equal(
      raw('friends.#.{first,age}'),
      '[{"first":"Dale","age":44},{"first":"Roger","age":68},{"first":"Jane","age":47}]',
    );
  });

  it('skips selectors that find nothing and names unnamed complex ones "_"', () => {
    assert.equal(raw('[age,nope,name.last]'), '[37,"Anderson"]');
    assert.equal(raw('{age,"x":!"y",!"z"}'), '{"age":37,"x":"y","_":"z"}');
    assert.equal(raw('[]'), '[]');
    assert.equal(raw('{}'), '{}');
  });

  it('evaluates literals', () => {
    assert.equal(
      raw('{name.first,age,"company":!"Happysoft","employed":!true}'),
      '{"first":"Tom","age":37,"company":"Happysoft","employed":true}',
    );
    assert.equal(raw('[!true,!false,!null,!hello,!["any","thing"]]'), '[true,false,null,["any","thing"]]');
    assert.equal(str('!{"name":{"first":"Tom"}}.name.first'), 'Tom');
    assert.ok(missing('"bar"'));
    assert.equal(raw('!"bar"'), '"bar"');
  });

  it('uses multipaths after a dot on the current value', () => {
    const d = { children: ['Sara', 'Alex', 'Jack'], 'fav.movie': ['Deer Hunter'] };
    assert.equal(gjsonGet(d, 'children.[0]').raw, '["Sara"]');
    assert.equal(gjsonGet(d, 'children.[10]').raw, '[]');
    assert.equal(gjsonGet(d, 'fav\\.movie.[0]').raw, '["Deer Hunter"]');
  });

  it('handles the multipath from Argo filter tests (empty selector skipped)', () => {
    const event = JSON.parse('{"k": "v", "k1": {"a": [{"k2": "v2"}, {"k2": "v3"}]}}');
    const r = gjsonGet(event, '[k,k1.a.#(k2=="v2").k2,,k1.a.#(k2=="v3").k2]');
    assert.equal(r.str, '["v","v2","v3"]');
  });
});
