// The sandbox: no way out of the VM, no nondeterminism, and no script can hang or exhaust memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileLuaScript,
  LuaScriptError,
  runLuaFilter,
  runLuaTransform,
} from '../../../../src/lang/lua/index.js';

function luaError(kind: LuaScriptError['kind'], pattern?: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof LuaScriptError, `expected LuaScriptError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  };
}

/** Runs `body`, asserting it took less than `ms` milliseconds. */
function fast<T>(ms: number, body: () => T): T {
  const start = performance.now();
  try {
    return body();
  } finally {
    const took = performance.now() - start;
    assert.ok(took < ms, `took ${took.toFixed(0)} ms, expected under ${ms} ms`);
  }
}

test('no file, OS, module, debug or code-loading access', () => {
  const unreachable = [
    'io',
    'os',
    'require',
    'package',
    'debug',
    'load',
    'loadstring',
    'loadfile',
    'dofile',
    'collectgarbage',
    'utf8',
    'string.dump',
    'string.pack',
    'math.random',
    'math.randomseed',
    'getmetatable("").__index.dump',
  ];
  for (const name of unreachable) {
    assert.equal(runLuaFilter(`return ${name} == nil`, {}), true, `${name} should be nil`);
  }
  assert.throws(() => runLuaFilter('return os.time() > 0', {}), luaError('runtime', /sandbox has no os/));
  assert.throws(
    () => runLuaFilter('local f = io.open("/etc/passwd") return f ~= nil', {}),
    luaError('runtime', /no io/),
  );
  assert.throws(() => runLuaFilter('return require("os") ~= nil', {}), luaError('runtime', /no require/));
  assert.throws(() => runLuaFilter('return load("return os")() ~= nil', {}), luaError('runtime', /no load/));
  assert.throws(
    () => runLuaFilter('return string.dump(print) ~= nil', {}),
    luaError('runtime', /field 'dump'/),
  );
});

test('runs are isolated from each other', () => {
  assert.equal(
    runLuaFilter('leaked = 1 string.upper = nil getmetatable("").__index = nil return true', {}),
    true,
  );
  assert.equal(
    runLuaFilter('return leaked == nil and ("a"):upper() == "A" and string.upper("b") == "B"', {}),
    true,
  );
});

test('runs are deterministic: object identities repeat on every run', () => {
  const script = 'return { a = tostring({}), f = tostring(function() end) }';
  const first = runLuaTransform(script, {});
  runLuaTransform('local t = {} for i = 1, 100 do t[i] = {} end return t', {});
  assert.deepEqual(runLuaTransform(script, {}), first);
});

test('an endless loop stops at the instruction limit', () => {
  assert.throws(
    () => fast(2000, () => runLuaFilter('while true do end', {})),
    luaError('instruction-limit', /exceeded its budget of 100000 instructions/),
  );
  assert.throws(
    () => runLuaFilter('local n = 0 repeat n = n + 1 until false', {}, { maxInstructions: 5000 }),
    luaError('instruction-limit', /budget of 5000 instructions/),
  );
  assert.throws(
    () => runLuaFilter('local function f() return f() end return f()', {}),
    luaError('instruction-limit'),
  );
});

test('pcall, xpcall and coroutines cannot swallow the instruction limit', () => {
  const scripts = [
    'while true do pcall(function() while true do end end) end',
    'while true do xpcall(function() while true do end end, function(e) return e end) end',
    'local co = coroutine.create(function() while true do end end) while true do coroutine.resume(co) end',
    'while true do local ok = pcall(error, "x") end',
  ];
  for (const script of scripts) {
    assert.throws(
      () => fast(3000, () => runLuaFilter(script, {}, { maxInstructions: 200_000 })),
      luaError('instruction-limit', /budget of 200000 instructions/),
      script,
    );
  }
});

test('maxInstructions lets a long computation finish', () => {
  const script = 'local n = 0 for i = 1, 600000 do n = n + 1 end return n == 600000';
  assert.throws(() => runLuaFilter(script, {}), luaError('instruction-limit'));
  assert.equal(runLuaFilter(script, {}, { maxInstructions: 5_000_000 }), true);
  assert.throws(
    () => runLuaFilter('return true', {}, { maxInstructions: 0 }),
    /maxInstructions must be a positive integer/,
  );
});

test('string.rep cannot allocate a gigabyte', () => {
  assert.throws(
    () => fast(500, () => runLuaFilter("return #string.rep('x', 1e9) > 0", {})),
    luaError('memory-limit', /1000000000 bytes; the limit is 1048576 bytes/),
  );
  // A numeric string is coerced by string.rep; it must be priced the same way.
  assert.throws(() => runLuaFilter("return #('x'):rep('1e9') > 0", {}), luaError('memory-limit'));
  assert.throws(() => runLuaFilter("return #string.rep('ab', 3e6, ',') > 0", {}), luaError('memory-limit'));
  assert.equal(runLuaFilter("return #string.rep('ab', 1000, ',') == 2999", {}), true);
  // A script may catch the refusal: nothing was allocated.
  assert.equal(runLuaFilter("return not pcall(string.rep, 'x', 1e9)", {}), true);
});

test('doubling a string with .. stops at the string size limit', () => {
  const opts = { maxInstructions: 100_000_000 };
  assert.throws(
    () =>
      fast(2000, () => runLuaFilter("local s = 'x' for i = 1, 40 do s = s .. s end return true", {}, opts)),
    luaError('memory-limit', /limit is 1048576 bytes/),
  );
  assert.throws(
    () =>
      runLuaFilter(
        "local s = 'xx' for i = 1, 40 do s = s .. s .. s .. s end return true",
        {},
        { ...opts, maxStringBytes: 1000 },
      ),
    luaError('memory-limit', /limit is 1000 bytes/),
  );
});

test('many large strings stop at the total string limit', () => {
  const script = "local t = {} for i = 1, 50 do t[i] = string.rep('x', 100000) end return true";
  assert.throws(
    () => runLuaFilter(script, {}, { maxInstructions: 100_000_000, maxTotalStringBytes: 1_000_000 }),
    luaError('memory-limit', /more than 1000000 bytes of strings/),
  );
  assert.equal(runLuaFilter(script, {}, { maxInstructions: 100_000_000 }), true);
});

test('gsub, format and table.concat cannot amplify a string past the limit', () => {
  const opts = { maxInstructions: 100_000_000, maxStringBytes: 100_000 };
  const big = "local s = string.rep('x', 20000) ";
  assert.throws(
    () => runLuaFilter(`${big} s = s:gsub('x', '%0%0%0%0%0%0%0%0%0%0') return true`, {}, opts),
    luaError('memory-limit'),
  );
  assert.throws(
    () =>
      runLuaFilter(
        `${big} local y = string.rep('y', 100) s = s:gsub('x', function() return y end) return true`,
        {},
        opts,
      ),
    luaError('memory-limit'),
  );
  assert.throws(
    () => runLuaFilter(`${big} s = s:gsub('x', {x = string.rep('z', 100)}) return true`, {}, opts),
    luaError('memory-limit'),
  );
  assert.throws(
    () =>
      runLuaFilter(
        `${big} return #string.format(string.rep('%s', 20), ${Array(20).fill('s').join(', ')}) > 0`,
        {},
        opts,
      ),
    luaError('memory-limit'),
  );
  assert.throws(
    () =>
      runLuaFilter(`${big} local t = {} for i = 1, 20 do t[i] = s end return #table.concat(t) > 0`, {}, opts),
    luaError('memory-limit'),
  );
  // Ordinary use is untouched.
  assert.equal(runLuaFilter("return ('a,b,c'):gsub(',', ';') == 'a;b;c'", {}), true);
  assert.equal(runLuaFilter("return ('abc'):gsub('%w', {a = 1, b = false}) == '1bc'", {}), true);
  assert.equal(
    runLuaFilter("return string.format('%5.1f|%q', 3.14159, 'a\\n') == '  3.1|\"a\\\\\\n\"'", {}),
    true,
  );
});

test('library work is priced by size, so big copies in a loop hit the instruction limit', () => {
  const payload = { s: 'x'.repeat(1_000_000) };
  for (const body of [
    'local u = event.s:upper()',
    'local m = event.s:find("y.")',
    'local e = (event.s .. "") == event.s',
  ]) {
    assert.throws(
      () => fast(3000, () => runLuaFilter(`while true do ${body} end`, payload)),
      luaError('instruction-limit'),
      body,
    );
  }
  assert.throws(
    () =>
      fast(3000, () =>
        runLuaFilter('local t = {} for i = 1, 100000 do table.insert(t, 1, i) end return true', {}),
      ),
    luaError('instruction-limit'),
  );
  // Appending is not shifting.
  assert.equal(
    runLuaFilter(
      'local t = {} for i = 1, 20000 do table.insert(t, i) end return #t == 20000',
      {},
      { maxInstructions: 1_000_000 },
    ),
    true,
  );
  assert.throws(
    () =>
      runLuaFilter(
        'local t = {} for i = 1, 1000 do t[i] = {table.unpack({}, 1, 100000)} end return true',
        {},
      ),
    luaError('instruction-limit'),
  );
});

test('errors carry the line and are LuaScriptError', () => {
  assert.throws(() => runLuaFilter('local x = 1\nerror("boom")', {}), luaError('runtime', /script:2: boom/));
  assert.throws(
    () => runLuaFilter('error({code = 1})', {}),
    luaError('runtime', /error object is a table value/),
  );
  assert.throws(
    () => runLuaFilter('return event.a.b', {}),
    luaError('runtime', /attempt to index a nil value \(field 'a'\)/),
  );
  assert.throws(() => compileLuaScript('return ('), luaError('syntax', /script:1:/));
  // Syntax errors are cached but each throw is a fresh error.
  let first: unknown;
  let second: unknown;
  try {
    compileLuaScript('if then');
  } catch (e) {
    first = e;
  }
  try {
    compileLuaScript('if then');
  } catch (e) {
    second = e;
  }
  assert.ok(first instanceof LuaScriptError && second instanceof LuaScriptError);
  assert.notEqual(first, second);
  assert.equal(first.message, second.message);
});

test('source size and nesting are bounded at compile time', () => {
  assert.throws(() => compileLuaScript('x = 1\n'.repeat(60_000)), luaError('syntax', /the limit is 262144/));
  assert.throws(
    () => compileLuaScript('x = ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000)),
    luaError('syntax', /too many JS levels/),
  );
});

test('deep event data and deep results are bounded', () => {
  let deep: Record<string, unknown> = {};
  for (let i = 0; i < 1100; i++) deep = { d: deep };
  assert.throws(() => runLuaFilter('return true', deep), luaError('event-data', /deeper than 1000/));
  assert.throws(
    () => runLuaTransform('local t = {} local c = t for i = 1, 1100 do c.d = {} c = c.d end return t', {}),
    luaError('result', /deeper than 1000/),
  );
});
