// dependencies[].transform. Expected data are what Argo Events v1.9.11's own ApplyTransform
// produces (checked by running it): Go re-encodes the result, so keys come out sorted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTransform, type TransformOutcome } from '../../../../src/engine/transform.js';
import type { EventDependency } from '../../../../src/vocabulary/manifest-types.js';
import { NOW, viewOfText } from '../filters/filter-fixtures.js';
import { Driver, dep, ev, logTrigger, spec } from '../engine-fixtures.js';

const body = '{"body":{"message":3,"z":1,"a":{"y":2,"b":[1,2]},"text":"hi","n":null},"header":{"X":["1"]}}';

function run(transform: EventDependency['transform'], dataText: string | undefined = body): TransformOutcome {
  return applyTransform(
    { name: 'd', eventSourceName: 'webhook', eventName: 'example', transform },
    viewOfText(dataText),
    NOW,
  );
}

function data(t: TransformOutcome): string {
  assert.ok(t.ok, t.ok ? '' : t.reason);
  return JSON.stringify(t.ok ? t.view.data : undefined);
}

function rejected(t: TransformOutcome, reason: RegExp) {
  assert.equal(t.ok, false);
  if (!t.ok) assert.match(t.reason, reason);
}

// ---- jq
test('jq: .body.message *= 2, keys sorted as Go writes them', () => {
  assert.equal(
    data(run({ jq: '.body.message *= 2' })),
    '{"body":{"a":{"b":[1,2],"y":2},"message":6,"n":null,"text":"hi","z":1},"header":{"X":["1"]}}',
  );
});
test('jq: two updates (Argo test)', () => {
  assert.equal(data(run({ jq: '.a += 1 | .b *= 2' }, '{"a":1,"b":"2"}')), '{"a":2,"b":"22"}');
});
test('jq: the content type becomes application/json', () => {
  const t = run({ jq: '.' }, body);
  assert.ok(t.ok && t.view.context.datacontenttype === 'application/json' && t.view.dataIsJson);
});
test('jq: only the first output counts; later errors are never reached', () => {
  assert.equal(data(run({ jq: '(.body.a, 1)' })), '{"b":[1,2],"y":2}');
  assert.equal(data(run({ jq: 'first(.body.a, error("x"))' })), '{"b":[1,2],"y":2}');
});
test('jq: an output that is not an object is rejected with a reason', () => {
  rejected(run({ jq: '.body.message' }), /jq transformation output must be a JSON object, got a number/);
  rejected(run({ jq: '.body.a.b' }), /must be a JSON object, got an array/);
  rejected(run({ jq: '.body | keys' }), /got an array/);
  rejected(run({ jq: '.body.text' }), /got a string/);
});
test('jq: no output is rejected', () => {
  rejected(run({ jq: 'empty' }), /no output available from the jq command execution/);
});
test('jq: runtime and syntax errors are rejected', () => {
  rejected(run({ jq: 'error("boom")' }), /^transform\.jq: .*boom/);
  rejected(run({ jq: '.[' }), /^transform\.jq: /);
});
test('jq: NaN and infinities cannot be written as JSON', () => {
  rejected(run({ jq: '.x = nan' }), /unsupported value: NaN/);
  rejected(run({ jq: '.x = infinite' }), /unsupported value: \+Inf/);
  rejected(run({ jq: '.x = -infinite' }), /unsupported value: -Inf/);
});
test('jq: the data must be a JSON object', () => {
  rejected(run({ jq: '{a: .}' }, '"s"'), /event data must be a JSON object to be transformed, got a string/);
  rejected(run({ jq: '{a: .}' }, '5'), /got a number/);
  rejected(run({ jq: '.' }, '[1,2]'), /got an array/);
  rejected(run({ jq: '.' }, 'oops'), /not valid JSON/);
});
test('jq: null data is an empty object, and `.` keeps it null', () => {
  assert.equal(data(run({ jq: '.a = 1' }, 'null')), '{"a":1}');
  assert.equal(data(run({ jq: '.' }, 'null')), 'null');
});
test('jq: an event without data is left alone', () => {
  const t = applyTransform(
    { name: 'd', eventSourceName: 'webhook', eventName: 'example', transform: { jq: '.a = 1' } },
    viewOfText(undefined),
    NOW,
  );
  assert.ok(t.ok && t.view.data === undefined);
});
test('jq: now is the engine clock, so replays agree', () => {
  assert.equal(data(run({ jq: '{t: now}' })), JSON.stringify({ t: NOW / 1000 }));
});
test('jq wins over script when both are set', () => {
  assert.equal(data(run({ jq: '{a: 1}', script: 'return {b=1}' })), '{"a":1}');
});

// ---- Lua
test('lua: modify and return the event', () => {
  assert.equal(
    data(run({ script: 'event.body.message = event.body.message * 2\nreturn event' })),
    '{"body":{"a":{"b":[1,2],"y":2},"message":6,"text":"hi","z":1},"header":{"X":["1"]}}',
  );
});
test('lua: an array element (Argo test)', () => {
  assert.equal(
    data(run({ script: 'event.c.d[1]=4\nreturn event' }, '{"a":1,"b":"2","c":{"d":[3]}}')),
    '{"a":1,"b":"2","c":{"d":[4]}}',
  );
});
test('lua: __is_array makes an empty array (Argo test)', () => {
  assert.equal(
    data(
      run({ script: 'event.env = setmetatable({}, { __is_array = true })\nreturn event' }, '{"env": 123}'),
    ),
    '{"env":[]}',
  );
});
test('lua: a table with integer keys is an array', () => {
  assert.equal(data(run({ script: 'return {1,2,3}' })), '[1,2,3]');
  assert.equal(data(run({ script: 'return {[1]=1,[3]=3}' })), '[1,null,3]');
});
test('lua: something other than a table is rejected (Argo test)', () => {
  rejected(run({ script: 'return "hello"' }), /transformation script output type is not of lua table/);
  rejected(run({ script: 'return' }), /not of lua table/);
});
test('lua: errors and endless loops are rejected, not thrown', () => {
  rejected(run({ script: 'error("boom")' }), /^transform\.script: .*boom/);
  rejected(run({ script: 'if then' }), /^transform\.script: /);
  rejected(run({ script: 'while true do end' }), /instructions/);
});
test('lua: nulls are dropped on the way in', () => {
  assert.equal(
    data(run({ script: 'return event' }, '{"a":null,"b":[1,null,2],"c":[[1],2]}')),
    '{"b":[1,2],"c":[2]}',
  );
});
test('lua: the data must be a JSON object', () => {
  rejected(run({ script: 'return event' }, '[1,2]'), /got an array/);
});

// ---- order: the transform runs before filters, and parameters read its result

test('a transform runs before the filters and parameters read the transformed data', () => {
  const d = new Driver(
    spec(
      [
        dep('a', 'a', {
          transform: { jq: '.body.message *= 2 | .body.tag = "t-" + (.body.message | tostring)' },
          filters: { data: [{ path: 'body.message', type: 'number', value: ['6'] }] },
        }),
      ],
      [
        logTrigger('t', {
          http: {
            url: 'http://example.com',
            payload: [{ src: { dependencyName: 'a', dataKey: 'body.tag' }, dest: 'tag' }],
          },
        }),
      ],
    ),
  );
  const accepted = d.event(ev('a', { body: { message: 3 } }));
  assert.equal(accepted.fires.length, 1);
  assert.deepEqual(accepted.fires[0]!.payload, { tag: 't-6' });
  assert.deepEqual(accepted.fires[0]!.events.a!.data, { body: { message: 6, tag: 't-6' } });
  const rejectedByFilter = d.event(ev('a', { body: { message: 4 } }));
  assert.equal(rejectedByFilter.fires.length, 0);
  const verdict = rejectedByFilter.decisions.find((x) => x.kind === 'event');
  assert.ok(verdict && verdict.kind === 'event');
  assert.match(verdict.dependencies[0]!.reason!, /number 8 .* is not = any of \["6"\]/);
});

test('a failing transform drops the event for that dependency, with the reason in the audit', () => {
  const d = new Driver(spec([dep('a', 'a', { transform: { jq: '.body.message' } })], [logTrigger('t')]));
  const r = d.event(ev('a', { body: { message: 3 } }));
  assert.equal(r.fires.length, 0);
  const decision = r.decisions.find((x) => x.kind === 'event');
  assert.ok(decision && decision.kind === 'event');
  assert.deepEqual(decision.dependencies[0], {
    name: 'a',
    accepted: false,
    reason: 'transform.jq: jq transformation output must be a JSON object, got a number',
  });
});
