// Behaviour Argo Events gives for filters.script and transform.script (gopher-lua, see
// pkg/sensors/dependencies/filter.go filterScript and transform.go applyScriptTransform).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LuaScriptError, runLuaFilter, runLuaTransform } from '../../../../src/lang/lua/index.js';

function luaError(kind: LuaScriptError['kind'], pattern?: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof LuaScriptError, `expected LuaScriptError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  };
}

test('Argo TestScriptFilter cases', () => {
  assert.equal(
    runLuaFilter('\nif event.a == "hello" then return true else return false end\n', { a: 'hello' }),
    true,
  );
  assert.equal(
    runLuaFilter('if event.a == "hello" and event.b == "world" then return false else return true end', {
      a: 'hello',
      b: 'world',
    }),
    false,
  );
  assert.throws(
    () => runLuaFilter('if event.a == "hello" return false else return true end', { a: 'hello' }),
    luaError('syntax', /script:1: 'then' expected near 'return'/),
  );
  assert.throws(
    () => runLuaFilter('if a.a == "hello" then return true else return false end', { a: 'hello' }),
    luaError('runtime', /attempt to index a nil value \(global 'a'\).*global table `event`/),
  );
});

test('a filter passes only when the last returned value is the boolean true', () => {
  assert.equal(runLuaFilter('return true', {}), true);
  assert.equal(runLuaFilter('return false, true', {}), true);
  assert.equal(runLuaFilter('return true, false', {}), false);
  assert.equal(runLuaFilter('local x = 1', {}), false);
  assert.equal(runLuaFilter('return nil', {}), false);
  assert.equal(runLuaFilter('return 1', {}), false);
  assert.equal(runLuaFilter('return "true"', {}), false);
  assert.equal(runLuaFilter('return {}', {}), false);
});

test('an empty script or an event without payload passes without running', () => {
  assert.equal(runLuaFilter('', { a: 1 }), true);
  assert.equal(runLuaFilter('this is not lua', undefined), true);
  assert.equal(runLuaTransform('this is not lua', undefined), undefined);
  const data = { a: 1 };
  assert.equal(runLuaTransform('', data), data);
});

test('a null payload is an empty event table; other non-objects are errors, as Go unmarshalling into a map', () => {
  assert.equal(runLuaFilter('return next(event) == nil', null), true);
  assert.throws(() => runLuaFilter('return true', [1, 2]), luaError('event-data', /got an array/));
  assert.throws(() => runLuaFilter('return true', 'text'), luaError('event-data', /got a string/));
  assert.throws(() => runLuaTransform('return event', 3), luaError('event-data'));
});

test('Argo TestApplyScriptTransform cases', () => {
  assert.deepEqual(runLuaTransform('\nevent.c.d[1]=4\nreturn event\n', { a: 1, b: '2', c: { d: [3] } }), {
    a: 1,
    b: '2',
    c: { d: [4] },
  });
  assert.throws(() => runLuaTransform('return "hello"', { a: 1 }), luaError('result', /not of lua table/));
  assert.deepEqual(
    runLuaTransform('event.env = setmetatable({}, { __is_array = true })\nreturn event', { env: 123 }),
    { env: [] },
  );
});

test('a transform must return a table', () => {
  assert.throws(() => runLuaTransform('event.a = 2', { a: 1 }), luaError('result'));
  assert.throws(() => runLuaTransform('return nil', { a: 1 }), luaError('result'));
  assert.throws(() => runLuaTransform('return event, 1', { a: 1 }), luaError('result'));
  assert.deepEqual(runLuaTransform('return 1, event', { a: 1 }), { a: 1 });
});

test('event tables follow Argo mapToTable: nulls vanish, arrays keep only objects and scalars', () => {
  const data = { n: null, list: [1, null, 'two', [3], { x: null, y: true }, false], empty: [], obj: {} };
  assert.equal(runLuaFilter('return event.n == nil and #event.list == 4', data), true);
  assert.equal(runLuaFilter('return event.list[2] == "two" and event.list[3].y == true', data), true);
  assert.equal(runLuaFilter('return event.list[4] == false and event.list[3].x == nil', data), true);
  assert.deepEqual(runLuaTransform('return event', data), {
    list: [1, 'two', { y: true }, false],
    empty: {},
    obj: {},
  });
});

test('JSON numbers arrive as Lua integers when they fit 32 bits, floats otherwise', () => {
  const data = { i: 42, f: 1.5, big: 3e9, neg: -7, ts: 1700000000123 };
  assert.equal(
    runLuaFilter('return math.type(event.i) == "integer" and tostring(event.i) == "42"', data),
    true,
  );
  assert.equal(runLuaFilter('return math.type(event.f) == "float" and event.f * 2 == 3', data), true);
  assert.equal(
    runLuaFilter('return math.type(event.big) == "float" and event.big + 1 == 3000000001', data),
    true,
  );
  assert.equal(runLuaFilter('return event.neg < 0 and event.ts > 1.7e12', data), true);
  assert.deepEqual(runLuaTransform('event.i = event.i + 1 event.big = event.big * 2 return event', data), {
    ...data,
    i: 43,
    big: 6e9,
  });
});

test('strings are UTF-8 bytes inside Lua and decode back', () => {
  assert.equal(runLuaFilter('return #event.s == 3 and event.s:sub(1, 1) == "h"', { s: 'hé' }), true);
  assert.deepEqual(runLuaTransform('event.s = event.s .. "✓" return event', { s: 'hé' }), { s: 'hé✓' });
  // A lone surrogate cannot be UTF-8; Go's decoder would have replaced it with U+FFFD.
  assert.deepEqual(runLuaTransform('return event', { s: 'a\uD800b' }), { s: 'a\uFFFDb' });
  assert.deepEqual(runLuaTransform('return { s = "\\xff" }', {}), { s: '\uFFFD' });
});

test('result tables become arrays when they have positive integer keys, like gopher-lua MaxN', () => {
  assert.deepEqual(runLuaTransform('return {1, 2, x = "dropped"}', {}), [1, 2]);
  assert.deepEqual(runLuaTransform('return {[3] = "c", [1] = "a"}', {}), ['a', null, 'c']);
  assert.deepEqual(runLuaTransform('return {a = {}, b = {n = 1}}', {}), { a: {}, b: { n: 1 } });
  assert.deepEqual(runLuaTransform('local t = {1, 2} t[2] = nil return {t = t}', {}), { t: [1] });
  assert.deepEqual(runLuaTransform('return {[0] = "z", [-1] = "m", [1.5] = "f"}', {}), {
    '-1': 'm',
    '0': 'z',
    '1.5': 'f',
  });
  // Keys outside gopher-lua's array part are printed as it prints numbers.
  assert.deepEqual(runLuaTransform('return {[true] = 1, [2^53] = 2, [1e100] = 3}', {}), {
    true: 1,
    '9007199254740992': 2,
    '1e+100': 3,
  });
});

test('object keys come out sorted, as encoding/json writes Go maps', () => {
  const out = runLuaTransform('return {zeta = 1, alpha = 2, Mid = 3, ["é"] = 4}', {}) as Record<
    string,
    unknown
  >;
  assert.deepEqual(Object.keys(out), ['Mid', 'alpha', 'zeta', 'é']);
  const proto = runLuaTransform('return {["__proto__"] = 1}', {}) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  assert.deepEqual(Object.keys(proto), ['__proto__']);
});

test('values JSON cannot hold are errors, naming where they are', () => {
  assert.throws(() => runLuaTransform('return {x = 0/0}', {}), luaError('result', /NaN .* at result\.x/));
  assert.throws(
    () => runLuaTransform('return {x = {math.huge}}', {}),
    luaError('result', /\+Inf .* at result\.x\[1\]/),
  );
  assert.throws(
    () => runLuaTransform('return {f = print}', {}),
    luaError('result', /function value .* result\.f/),
  );
  assert.throws(
    () => runLuaTransform('local t = {} t.self = t return t', {}),
    luaError('result', /contains itself/),
  );
  assert.throws(() => runLuaTransform('return {[{}] = 1}', {}), luaError('result', /table key/));
  // The same table twice is not a cycle.
  assert.deepEqual(runLuaTransform('local s = {v = 1} return {a = s, b = s}', {}), {
    a: { v: 1 },
    b: { v: 1 },
  });
});

test('gopher-lua (Lua 5.1) names still work', () => {
  assert.equal(runLuaFilter('local a, b = unpack({1, 2}) return a + b == 3', {}), true);
  assert.equal(runLuaFilter('return table.getn({1, 2, 3}) == 3 and table.maxn({[7] = 1}) == 7', {}), true);
  assert.equal(runLuaFilter('return math.pow(2, 10) == 1024 and math.mod(7, 3) == 1', {}), true);
  assert.equal(runLuaFilter('return math.log10(1000) == 3 and math.atan2(0, -1) == math.pi', {}), true);
  assert.equal(
    runLuaFilter('local m, e = math.frexp(8) return m == 0.5 and e == 4 and math.ldexp(m, e) == 8', {}),
    true,
  );
  assert.equal(runLuaFilter('print("debugging", event) return true', {}), true);
});

test('string methods, patterns and coroutines behave as in Lua', () => {
  const data = { repo: { full_name: 'argoproj/argo-events' }, ref: 'refs/heads/main' };
  assert.equal(runLuaFilter('return event.ref:match("^refs/heads/(.+)$") == "main"', data), true);
  assert.deepEqual(
    runLuaTransform(
      'local owner, name = event.repo.full_name:match("([^/]+)/(.+)") return {owner = owner:upper(), name = name}',
      data,
    ),
    { name: 'argo-events', owner: 'ARGOPROJ' },
  );
  assert.deepEqual(
    runLuaTransform(
      'local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * i) end end) return {co(), co(), co()}',
      {},
    ),
    [1, 4, 9],
  );
  assert.deepEqual(
    runLuaTransform('local t = {3, 1, 2} table.sort(t) return {s = table.concat(t, ",")}', {}),
    {
      s: '1,2,3',
    },
  );
});
