// Writing parameters into documents and payloads. Expected documents are what Argo Events
// v1.9.11's own ApplyParams / ConstructPayload produce (checked by running it), compared as
// JSON values (Argo keeps the sender's whitespace in raw blocks; Eventide holds parsed JSON).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFire } from '../../../../src/engine/build-fire.js';
import type { EventView } from '../../../../src/engine/cloudevent.js';
import { applyParameters, constructPayload } from '../../../../src/engine/parameters/apply-parameters.js';
import { ParameterError } from '../../../../src/engine/parameters/resolve-value.js';
import type {
  Trigger,
  TriggerParameter,
  TriggerParameterSource,
} from '../../../../src/vocabulary/manifest-types.js';
import { NOW, viewOf } from '../filters/filter-fixtures.js';

const events: Record<string, EventView> = {
  dep: viewOf({
    name: { first: 'fake', last: 'user' },
    reviews: 8,
    rating: 4.5,
    big: 1000000,
    isActive: true,
    nil: null,
    n: '42',
    countries: ['ca', 'us', 'mx'],
  }),
  other: viewOf({ lastName: 'foo' }),
};

const p = (
  src: Partial<TriggerParameterSource>,
  dest: string,
  operation?: TriggerParameter['operation'],
): TriggerParameter => {
  const param: TriggerParameter = { src: { dependencyName: 'dep', ...src }, dest };
  if (operation !== undefined) param.operation = operation;
  return param;
};

function applied(doc: unknown, params: TriggerParameter[]): unknown {
  return applyParameters(doc, params, events, NOW);
}

function check(name: string, doc: unknown, params: TriggerParameter[], want: unknown) {
  test(name, () => assert.deepEqual(applied(doc, params), want));
}

// ---- operations (Argo tests)
check('none overwrites', { name: 'faker' }, [p({ dataKey: 'name.first' }, 'name')], { name: 'fake' });
check('overwrite', { name: 'faker' }, [p({ dataKey: 'name.first' }, 'name', 'overwrite')], { name: 'fake' });
check('prepend: new + existing', { name: 'faker' }, [p({ dataKey: 'name.first' }, 'name', 'prepend')], {
  name: 'fakefaker',
});
check('append: existing + new', { name: 'faker' }, [p({ dataKey: 'name.first' }, 'name', 'append')], {
  name: 'fakerfake',
});
check('append to nothing just sets', {}, [p({ dataKey: 'name.first' }, 'name', 'append')], { name: 'fake' });
check('append to a number makes text', { n: 5 }, [p({ dataKey: 'reviews' }, 'n', 'append')], { n: '58' });
check('append to an object uses its JSON text', { n: { a: 1 } }, [p({ dataKey: 'reviews' }, 'n', 'append')], {
  n: '{"a":1}8',
});
check(
  'append turns a raw value into text (Argo test)',
  { n: 'Years: ' },
  [p({ dataKey: 'reviews', useRawData: true }, 'n', 'append')],
  { n: 'Years: 8' },
);
check(
  'append of a raw block to nothing stays raw (Argo test)',
  {},
  [p({ dataKey: 'countries', useRawData: true }, 'c', 'append')],
  { c: ['ca', 'us', 'mx'] },
);
check(
  'two appends to one dest',
  {},
  [p({ dataKey: 'name.first' }, 'x'), p({ dataKey: 'name.last' }, 'x', 'append')],
  { x: 'fakeuser' },
);
test('an unknown operation is an error', () => {
  assert.throws(
    () => applied({}, [p({ dataKey: 'reviews' }, 'n', 'multiply' as never)]),
    (e: unknown) =>
      e instanceof ParameterError && /unsupported trigger parameter operation: "multiply"/.test(e.message),
  );
});

// ---- useRawData: only non-string values go in raw
check('a block without useRawData is text (Argo test)', { name: 'faker' }, [p({ dataKey: 'name' }, 'name')], {
  name: '{"first":"fake","last":"user"}',
});
check(
  'a block with useRawData is an object (Argo test)',
  { name: 'faker' },
  [p({ dataKey: 'name', useRawData: true }, 'name')],
  { name: { first: 'fake', last: 'user' } },
);
check(
  'numbers, bools and null go in raw (Argo test)',
  {},
  [
    p({ dataKey: 'reviews', useRawData: true }, 'a'),
    p({ dataKey: 'isActive', useRawData: true }, 'b'),
    p({ dataKey: 'nil', useRawData: true }, 'c'),
    p({ dataKey: 'rating', useRawData: true }, 'd'),
    p({ dataKey: 'big', useRawData: true }, 'e'),
  ],
  { a: 8, b: true, c: null, d: 4.5, e: 1000000 },
);
check('a numeric string stays a string', {}, [p({ dataKey: 'n', useRawData: true }, 'a')], { a: '42' });
check(
  'a template output stays a string',
  {},
  [p({ dataTemplate: '{{ .Input.reviews }}', useRawData: true }, 'a')],
  { a: '8' },
);
check('a default value stays a string', {}, [p({ dataKey: 'zz', value: '5', useRawData: true }, 'a')], {
  a: '5',
});
check('without useRawData a number is text (Argo test)', {}, [p({ dataKey: 'reviews' }, 'typelessAge')], {
  typelessAge: '8',
});

// ---- dest: sjson paths
check('an array index', { args: ['a', 'b'] }, [p({ dataKey: 'name.first' }, 'args.1')], {
  args: ['a', 'fake'],
});
check('-1 appends', { args: ['a', 'b'] }, [p({ dataKey: 'name.first' }, 'args.-1')], {
  args: ['a', 'b', 'fake'],
});
check('an index past the end pads with null', { args: ['a'] }, [p({ dataKey: 'name.first' }, 'args.3')], {
  args: ['a', null, null, 'fake'],
});
check(
  'a new nested path creates arrays for numeric keys',
  {},
  [p({ dataKey: 'name.first' }, 'spec.arguments.parameters.0.value')],
  { spec: { arguments: { parameters: [{ value: 'fake' }] } } },
);
check('-1 on nothing creates an array', {}, [p({ dataKey: 'name.first' }, 'a.-1')], { a: ['fake'] });
check('a numeric key in an existing object is a key', { a: {} }, [p({ dataKey: 'name.first' }, 'a.0')], {
  a: { '0': 'fake' },
});
check('an escaped dot is part of the key', {}, [p({ dataKey: 'name.first' }, 'a\\.b')], { 'a.b': 'fake' });
check('a path through a string replaces it', { x: 'str' }, [p({ dataKey: 'name.first' }, 'x.y')], {
  x: { y: 'fake' },
});
check('a wildcard dest sets nothing', { x: 1 }, [p({ dataKey: 'name.first' }, 'a*')], { x: 1 });
test('an empty dest is an error', () => {
  assert.throws(
    () => applied({ x: 1 }, [p({ dataKey: 'name.first' }, '')]),
    (e: unknown) => e instanceof ParameterError && /path cannot be empty/.test(e.message),
  );
});

// ---- dependencies that did not fire, defaults, errors
check(
  'a dependency that did not fire is skipped',
  { x: 1 },
  [{ src: { dependencyName: 'absent', dataKey: 'a' }, dest: 'x' }],
  { x: 1 },
);
check(
  '... or its default is used',
  { x: 1 },
  [{ src: { dependencyName: 'absent', dataKey: 'a', value: 'd' }, dest: 'x' }],
  { x: 'd' },
);
test('an unresolvable parameter is a ParameterError', () => {
  assert.throws(() => applied({}, [p({ dataKey: 'zz' }, 'x')]), ParameterError);
});
test('the document is not modified in place', () => {
  const doc = { name: 'faker', list: [1] };
  applied(doc, [p({ dataKey: 'name.first' }, 'name'), p({ dataKey: 'reviews' }, 'list.-1')]);
  assert.deepEqual(doc, { name: 'faker', list: [1] });
});

// ---- payloads (ConstructPayload)
test('payload: keys from two dependencies with defaults (Argo test)', () => {
  const params: TriggerParameter[] = [
    { src: { dependencyName: 'dep', dataKey: 'name.first', value: 'faker' }, dest: 'firstName' },
    { src: { dependencyName: 'other', dataKey: 'lastName', value: 'bar' }, dest: 'lastName' },
    { src: { dependencyName: 'dep', dataKey: 'reviews', useRawData: true }, dest: 'age' },
    { src: { dependencyName: 'dep', dataKey: 'isActive', useRawData: true }, dest: 'isActive' },
    { src: { dependencyName: 'dep', dataKey: 'reviews' }, dest: 'typelessAge' },
  ];
  assert.deepEqual(constructPayload(params, events, NOW), {
    firstName: 'fake',
    lastName: 'foo',
    age: 8,
    isActive: true,
    typelessAge: '8',
  });
  params[0]!.src!.dataKey = 'unknown';
  params[1]!.src!.dataKey = 'unknown';
  const withDefaults = constructPayload(params, events, NOW) as Record<string, unknown>;
  assert.equal(withDefaults.firstName, 'faker');
  assert.equal(withDefaults.lastName, 'bar');
});
test('payload: an empty dest makes the value the whole body, ignoring the others', () => {
  const body = constructPayload(
    [p({ dataKey: 'name.first' }, 'first'), p({ dataKey: 'name' }, ''), p({ dataKey: 'reviews' }, 'x')],
    events,
    NOW,
  );
  assert.equal(body, '{"first":"fake","last":"user"}');
});
test('payload: a template as the whole body', () => {
  assert.equal(
    constructPayload([p({ dataTemplate: '{"a": {{ .Input.reviews }}}' }, '')], events, NOW),
    '{"a": 8}',
  );
});
test('payload: a whole-body parameter of a dependency that did not fire is skipped', () => {
  assert.deepEqual(
    constructPayload(
      [{ src: { dependencyName: 'absent' }, dest: '' }, p({ dataKey: 'reviews' }, 'x')],
      events,
      NOW,
    ),
    { x: '8' },
  );
});
test('payload: a keyed parameter of a dependency that did not fire is skipped (Argo crashes)', () => {
  assert.deepEqual(
    constructPayload(
      [{ src: { dependencyName: 'absent', dataKey: 'a' }, dest: 'a' }, p({ dataKey: 'reviews' }, 'x')],
      events,
      NOW,
    ),
    { x: '8' },
  );
});
test('payload: operations do not apply', () => {
  assert.deepEqual(
    constructPayload(
      [p({ dataKey: 'name.first' }, 'x', 'append'), p({ dataKey: 'name.last' }, 'x', 'append')],
      events,
      NOW,
    ),
    { x: 'user' },
  );
});
test('payload: nested dests and -1', () => {
  assert.deepEqual(
    constructPayload(
      [p({ dataKey: 'name.first' }, 'a.b.0.c'), p({ dataKey: 'name.last' }, 'a.b.-1')],
      events,
      NOW,
    ),
    { a: { b: [{ c: 'fake' }, 'user'] } },
  );
});
test('payload: null kept raw (Argo test)', () => {
  assert.deepEqual(constructPayload([p({ dataKey: 'nil', useRawData: true }, 'n')], events, NOW), {
    n: null,
  });
});
test('payload: no parameters, no payload', () => {
  assert.equal(constructPayload([], events, NOW), undefined);
});

// ---- through buildFire: trigger-level parameters, trigger parameters, resources, payload

function fire(trigger: Trigger) {
  return buildFire({
    sensor: { namespace: 'default', name: 's' },
    trigger,
    fireId: 'f0',
    events,
    retry: { maximumAttempts: 1 } as never,
    now: NOW,
  });
}

test('trigger-level parameters are applied to the template (Argo ApplyTemplateParameters)', () => {
  const f = fire({
    template: { name: 'hook', http: { url: 'http://example.com/x', method: 'POST' } },
    parameters: [
      p({ dataKey: 'name.first' }, 'http.url', 'append'),
      p({ dataKey: 'name.last', value: 'dflt' }, 'http.headers.X-User'),
    ],
  } as unknown as Trigger);
  assert.deepEqual(f.template.http, {
    url: 'http://example.com/xfake',
    method: 'POST',
    headers: { 'X-User': 'user' },
  });
});

test('trigger parameters of an http trigger apply to its spec; payload parameters build the body', () => {
  const f = fire({
    template: {
      name: 'hook',
      http: {
        url: 'http://example.com/',
        parameters: [p({ dataKey: 'name.first' }, 'url', 'append')],
        payload: [
          p({ dataKey: 'name.first' }, 'who'),
          p({ dataKey: 'countries', useRawData: true }, 'where'),
        ],
      },
    },
  } as unknown as Trigger);
  assert.equal((f.template.http as { url: string }).url, 'http://example.com/fake');
  assert.deepEqual(f.payload, { who: 'fake', where: ['ca', 'us', 'mx'] });
});

test('resource parameters of a k8s trigger apply to the resource (Argo test)', () => {
  const resource = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'fake', namespace: 'fake-deployment', labels: { name: 'fake' } },
  };
  const f = fire({
    template: {
      name: 'k8s',
      k8s: {
        operation: 'create',
        source: { resource },
        parameters: [p({ dataKey: 'name.last' }, 'metadata.name')],
      },
    },
  } as unknown as Trigger);
  assert.deepEqual(f.resource, { ...resource, metadata: { ...resource.metadata, name: 'user' } });
  assert.equal(resource.metadata.name, 'fake', 'the manifest resource is not modified');
});
