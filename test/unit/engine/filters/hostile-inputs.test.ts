// Nothing a sender or a manifest author supplies may make evaluateFilters, applyTransform or the
// parameter functions throw: a throw inside the Sensor workflow would wedge it. Each hostile
// input must come back as a verdict (or a ParameterError for parameters).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toEventView, type EventView } from '../../../../src/engine/cloudevent.js';
import { evaluateFilters } from '../../../../src/engine/filters/evaluate-filters.js';
import { applyParameters, constructPayload } from '../../../../src/engine/parameters/apply-parameters.js';
import { ParameterError, resolveParameterValue } from '../../../../src/engine/parameters/resolve-value.js';
import { applyTransform } from '../../../../src/engine/transform.js';
import type { EventDependency, TriggerParameter } from '../../../../src/vocabulary/manifest-types.js';
import { NOW, viewOfText } from './filter-fixtures.js';

function viewOfBytes(bytes: number[]): EventView {
  return toEventView(
    {
      specversion: '1.0',
      id: 'b',
      source: 'webhook',
      subject: 'example',
      data_base64: Buffer.from(bytes).toString('base64'),
    },
    NOW,
  );
}

const deepText = '['.repeat(500_000) + ']'.repeat(500_000);
const hostileViews: [string, () => EventView][] = [
  ['invalid UTF-8 bytes', () => viewOfBytes([0xff, 0xfe, 0x7b, 0x22, 0x61, 0x22, 0x3a, 0xc3, 0x28, 0x7d])],
  [
    'invalid UTF-8 inside a JSON string',
    () => viewOfBytes([...Buffer.from('{"a":"'), 0xed, 0xa0, 0x80, 0xff, ...Buffer.from('"}')]),
  ],
  [
    'invalid base64',
    () => toEventView({ specversion: '1.0', id: 'x', source: 'webhook', data_base64: '%%%not base64' }, NOW),
  ],
  [
    '1 MB of nested arrays, parsed',
    () => toEventView({ specversion: '1.0', id: 'd', source: 'webhook', data: JSON.parse(deepText) }, NOW),
  ],
  [
    'deeply nested objects, parsed',
    () => {
      let v: unknown = { leaf: 1 };
      for (let i = 0; i < 200_000; i++) v = { a: v };
      return toEventView({ specversion: '1.0', id: 'o', source: 'webhook', data: v }, NOW);
    },
  ],
  [
    'a 20 MB string',
    () =>
      toEventView(
        { specversion: '1.0', id: 's', source: 'webhook', data: { a: 'x'.repeat(20_000_000), k: 'v' } },
        NOW,
      ),
  ],
  ['data that is a string, not JSON', () => viewOfText('hello world')],
  ['data that is a JSON string', () => viewOfText('"just a string"')],
  ['data that is a number', () => viewOfText('42')],
  ['data that is null', () => viewOfText('null')],
  ['no data', () => viewOfText(undefined)],
];

const everyKind: NonNullable<EventDependency['filters']> = {
  exprs: [
    {
      expr: 'a == "x" && b > 1',
      fields: [
        { name: 'a', path: 'a' },
        { name: 'b', path: '0' },
      ],
    },
  ],
  data: [
    { path: '0', type: 'string', value: ['^x'] },
    { path: 'a', type: 'number', value: ['1'], comparator: '>' },
    { path: 'a', type: 'string', value: ['x'], template: '{{ .Input | upper | b64enc }}' },
  ],
  context: { source: 'webhook' },
  time: { start: '09:00:00', stop: '17:00:00', timezone: 'Asia/Tokyo' },
  script: 'return event.a == "x"',
};

const hostileFilters: [string, NonNullable<EventDependency['filters']>][] = [
  ['every kind', everyKind],
  [
    'a catastrophic-looking regexp (RE2 has no backtracking)',
    { data: [{ path: 'a', type: 'string', value: ['(x+x+)+y'] }] },
  ],
  [
    'a path of 10,000 components',
    { data: [{ path: Array(10_000).fill('a').join('.'), type: 'string', value: ['x'] }] },
  ],
  [
    'a path that is not a string',
    { data: [{ path: 42 as unknown as string, type: 'string', value: ['x'] }] },
  ],
  [
    'values that are not a list',
    { data: [{ path: 'a', type: 'string', value: 'x' as unknown as string[] }] },
  ],
  ['fields that are not a list', { exprs: [{ expr: 'a', fields: 'a' as never }] }],
  [
    'an expression of 100,000 parentheses',
    {
      exprs: [{ expr: '('.repeat(100_000) + 'a' + ')'.repeat(100_000), fields: [{ name: 'a', path: 'a' }] }],
    },
  ],
  [
    'a template that loops a million times',
    { data: [{ path: 'a', type: 'string', value: ['x'], template: '{{ range until 1000000 }}x{{ end }}' }] },
  ],
  [
    'a script that allocates without end',
    { script: 'local t = {} local i = 0 while true do i = i + 1 t[i] = string.rep("x", 1000) end' },
  ],
  ['a script that loops', { script: 'while true do end' }],
  ['a script that recurses', { script: 'local function f() return f() + 1 end return f()' }],
  [
    'a time filter with garbage',
    { time: { start: '\u0000', stop: 'x'.repeat(100_000), timezone: '../../etc/passwd' } },
  ],
];

function assertVerdict(
  filters: NonNullable<EventDependency['filters']>,
  view: EventView,
  what: string,
): void {
  for (const op of ['and', 'or'] as const) {
    const dep: EventDependency = {
      name: 'd',
      eventSourceName: 'webhook',
      eventName: 'example',
      filters,
      filtersLogicalOperator: op,
    };
    const v = evaluateFilters(dep, view, NOW);
    assert.equal(typeof v.pass, 'boolean', `${what} (${op})`);
    if (!v.pass) {
      assert.ok(v.reason, `${what} (${op}) has a reason`);
      assert.ok(v.reason.length <= 2100, `${what} (${op}): reason of ${v.reason.length} characters`);
    }
  }
}

const params: TriggerParameter[] = [
  { src: { dependencyName: 'd', dataKey: '0' }, dest: 'a' },
  { src: { dependencyName: 'd', dataKey: 'a' }, dest: 'a', operation: 'append' },
  { src: { dependencyName: 'd', dataTemplate: '{{ toJson .Input }}' }, dest: 'b' },
  { src: { dependencyName: 'd', contextTemplate: '{{ .Input.nope.deeper }}' }, dest: 'b' },
  { src: { dependencyName: 'd' }, dest: 'c' },
  { src: { dependencyName: 'd', dataKey: 'a', useRawData: true }, dest: 'x.-1.y' },
  { src: { dependencyName: 'd', dataKey: Array(10_000).fill('a').join('.') }, dest: 'z' },
  { src: { dependencyName: 'd', dataKey: 'a' }, dest: Array(10_000).fill('a').join('.') },
  { src: { dependencyName: 'd', dataKey: 'a' }, dest: 'a.99999999999' },
];

function assertParametersSettle(view: EventView, what: string): void {
  for (const p of params) {
    for (const run of [
      () => resolveParameterValue(p.src!, { d: view }, NOW),
      () => applyParameters({ a: 'x' }, [p], { d: view }, NOW),
      () => constructPayload([p], { d: view }, NOW),
    ]) {
      try {
        run();
      } catch (e) {
        assert.ok(e instanceof ParameterError, `${what}: only ParameterError may escape, got ${String(e)}`);
      }
    }
  }
}

for (const [viewName, makeView] of hostileViews) {
  test(`no throw on hostile data: ${viewName}`, () => {
    const view = makeView();
    assertVerdict(everyKind, view, viewName);
    for (const transform of [{ jq: '.a |= ascii_upcase' }, { script: 'event.a = 1 return event' }]) {
      const t = applyTransform(
        { name: 'd', eventSourceName: 'webhook', eventName: 'example', transform },
        view,
        NOW,
      );
      assert.ok(t.ok || t.reason.length > 0);
    }
    assertParametersSettle(view, viewName);
  });
}

for (const [filterName, filters] of hostileFilters) {
  test(`no throw on a hostile filter: ${filterName}`, () => {
    assertVerdict(filters, viewOfText('{"a":"x","k":"v"}'), filterName);
  });
}

test('no throw on hostile transforms', () => {
  const view = viewOfText('{"a":"x"}');
  for (const transform of [
    { jq: '[limit(100000000; repeat(.))]' },
    { jq: 'def f: f; f' },
    { jq: '.[' },
    { jq: '.a = (1 / 0)' },
    { script: 'while true do end' },
    { script: 'local t = {} t.t = t return t' },
    { script: 'return {f = print}' },
  ]) {
    const t = applyTransform(
      { name: 'd', eventSourceName: 'webhook', eventName: 'example', transform },
      view,
      NOW,
    );
    assert.equal(t.ok, false, JSON.stringify(transform));
    if (!t.ok) assert.ok(t.reason.length > 0);
  }
});

test('data that cannot be decoded is unreadable data, not missing data: data filters reject it', () => {
  const filters = { data: [{ path: 'a', type: 'string' as const, value: ['.*'] }] };
  for (const view of [
    toEventView({ specversion: '1.0', id: 'x', source: 'webhook', data_base64: '%%%not base64' }, NOW),
    viewOfBytes([0xff, 0xfe, 0xfd]),
  ]) {
    assert.equal(view.dataIsJson, false);
    const v = evaluateFilters(
      { name: 'd', eventSourceName: 'webhook', eventName: 'example', filters },
      view,
      NOW,
    );
    assert.equal(v.pass, false);
    assert.match(v.reason!, /not valid JSON/);
  }
});

test('invalid UTF-8 inside JSON text reads as U+FFFD, as Go decodes it', () => {
  const view = viewOfBytes([...Buffer.from('{"a":"x'), 0xff, ...Buffer.from('y"}')]);
  assert.deepEqual(view.data, { a: 'x\ufffdy' });
});
