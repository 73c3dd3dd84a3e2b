// filters.script and filters.context. Expected answers are what Argo Events v1.9.11's own code
// gives (checked by running it); where Eventide deliberately differs (a sandbox, a time limit)
// the test says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterContext } from '../../../../src/engine/filters/context-filter.js';
import { filterScript } from '../../../../src/engine/filters/script-filter.js';
import { assertOutcome, viewOf, viewOfText, type Outcome } from './filter-fixtures.js';

function script(name: string, src: string, dataText: string | undefined, want: Outcome) {
  test(`script: ${name}`, () => assertOutcome(filterScript(src, viewOfText(dataText)), want));
}

script(
  'true when event.a matches (Argo test)',
  'if event.a == "hello" then return true else return false end',
  '{"a":"hello"}',
  'pass',
);
script(
  'false when the script says so (Argo test)',
  'if event.a == "hello" and event.b == "world" then return false else return true end',
  '{"a":"hello","b":"world"}',
  'fail',
);
script(
  'a syntax error is an error (Argo test)',
  'if event.a == "hello" return false else return true end',
  '{"a":"hello"}',
  'error',
);
script(
  'an undefined global is an error (Argo test)',
  'if a.a == "hello" then return true else return false end',
  '{"a":"hello"}',
  'error',
);
script('error() is an error', 'error("boom")', '{}', 'error');
script('only the boolean true passes: 1', 'return 1', '{"a":1}', 'fail');
script('only the boolean true passes: "true"', 'return "true"', '{}', 'fail');
script('returning nothing fails', 'return', '{}', 'fail');
script('the last of several return values counts (true)', 'return false, true', '{}', 'pass');
script('the last of several return values counts (false)', 'return true, false', '{}', 'fail');
script('JSON null fields are absent', 'return event.n == nil', '{"n":null}', 'pass');
script('nulls in arrays are dropped', 'return #event.l == 2', '{"l":[1,null,2]}', 'pass');
script('nested arrays in arrays are dropped', 'return event.l[1] == nil', '{"l":[[1]]}', 'pass');
script('numbers are numbers', 'return event.x == 5', '{"x":5.0}', 'pass');
script('numeric strings stay strings', 'return type(event.x) == "string"', '{"x":"5"}', 'pass');
script('an array event is an error: Argo decodes into a map', 'return true', '[1,2]', 'error');
script('a string event is an error', 'return true', '"str"', 'error');
script('a null event gives an empty table', 'return next(event) == nil', 'null', 'pass');
script('data that is not JSON is an error', 'return true', 'not json', 'error');
script('no data passes without running the script', 'return false', undefined, 'pass');
// Eventide: a script cannot hang the Sensor. Argo would spin forever.
script('an endless loop is stopped and rejected', 'while true do end', '{}', 'error');
script(
  'unbounded recursion is rejected',
  'local function f(n) return f(n + 1) + 1 end return f(1)',
  '{}',
  'error',
);

test('script: errors say what went wrong', () => {
  const syntax = filterScript('if then', viewOf({}));
  assert.match(syntax.reason!, /^script filter error: /);
  const loop = filterScript('while true do end', viewOf({}));
  assert.match(loop.reason!, /instruction/i);
  const returned = filterScript('return 1', viewOf({}));
  assert.match(returned.reason!, /not the boolean true/);
});

// ---- context

const ctx = viewOf({}, { type: 'webhook', source: 'webhook-gateway', subject: 'example-1' });

test('context: every set field must be equal (Argo test)', () => {
  assert.equal(filterContext({ type: 'webhook', source: 'webhook-gateway' }, ctx).pass, true);
  assert.equal(filterContext({ type: 'calendar' }, ctx).pass, false);
});

test('context: empty fields, id and time are not compared', () => {
  assert.equal(filterContext({}, ctx).pass, true);
  assert.equal(filterContext({ type: '', source: '' }, ctx).pass, true);
  assert.equal(filterContext({ id: 'other', time: 'x' } as never, ctx).pass, true);
});

test('context: datacontenttype is compared', () => {
  assert.equal(filterContext({ datacontenttype: 'application/json' }, ctx).pass, true);
  assert.equal(filterContext({ datacontenttype: 'text/plain' }, ctx).pass, false);
});

test('context: no filter passes; the reason names the field, value and expectation', () => {
  assert.equal(filterContext(undefined, ctx).pass, true);
  assert.equal(
    filterContext({ subject: 'example-2' }, ctx).reason,
    'context filter: subject is "example-1", want "example-2"',
  );
});
