// Resolving one parameter source. Expected values are what Argo Events v1.9.11's own
// ResolveParamValue gives for the same source and event bytes (checked by running it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventView } from '../../../../src/engine/cloudevent.js';
import { ParameterError, resolveParameterValue } from '../../../../src/engine/parameters/resolve-value.js';
import type { TriggerParameterSource } from '../../../../src/vocabulary/manifest-types.js';
import { NOW, viewOfText } from '../filters/filter-fixtures.js';

const data = JSON.stringify({
  name: { first: 'fake', last: 'user' },
  reviews: 8,
  rating: 4.5,
  big: 1000000,
  small: 0.000001,
  neg: -2,
  isActive: true,
  isVerified: false,
  countries: ['ca', 'us', 'mx'],
  nil: null,
  s: 'x"y',
  n: '42',
  emptys: '',
  nested: { a: [{ b: 1 }, { b: 2 }] },
});
const events: Record<string, EventView> = {
  dep: viewOfText(data, {
    id: 'ev-1',
    subject: 'example-1',
    source: 'webhook-gateway',
    type: 'webhook',
    time: '2024-07-15T10:00:00.123Z',
  }),
  txt: viewOfText('not json'),
  nodata: viewOfText(undefined),
  charset: viewOfText('{"a":1}', { datacontenttype: 'application/json; charset=utf-8' }),
  text: viewOfText('{"a":1}', { datacontenttype: 'text/plain' }),
  yaml: viewOfText('{"a":1}', { datacontenttype: 'application/yaml' }),
  str: viewOfText('"just a string"'),
  arr: viewOfText('[1,{"a":2}]'),
};

function resolve(src: Partial<TriggerParameterSource>) {
  return resolveParameterValue({ dependencyName: 'dep', ...src }, events, NOW);
}

function value(name: string, src: Partial<TriggerParameterSource>, want: string, type = 'String') {
  test(name, () => assert.deepEqual(resolve(src), { value: want, type }));
}

function fails(name: string, src: Partial<TriggerParameterSource>, message: RegExp) {
  test(name, () =>
    assert.throws(
      () => resolve(src),
      (e: unknown) => e instanceof ParameterError && message.test(e.message),
    ),
  );
}

// ---- dataKey: gjson paths; objects, arrays and null keep their JSON text
value('dataKey: a nested string (Argo test)', { dataKey: 'name.first' }, 'fake');
value('dataKey: an object is its JSON text', { dataKey: 'name' }, '{"first":"fake","last":"user"}', 'JSON');
value('dataKey: an integer', { dataKey: 'reviews' }, '8', 'Number');
value('dataKey: a float', { dataKey: 'rating' }, '4.5', 'Number');
value('dataKey: a million prints in full', { dataKey: 'big' }, '1000000', 'Number');
value('dataKey: a small float prints in full', { dataKey: 'small' }, '0.000001', 'Number');
value('dataKey: true', { dataKey: 'isActive' }, 'true', 'True');
value('dataKey: false', { dataKey: 'isVerified' }, 'false', 'False');
value('dataKey: an array', { dataKey: 'countries' }, '["ca","us","mx"]', 'JSON');
value('dataKey: null is "null"', { dataKey: 'nil' }, 'null', 'Null');
value('dataKey: a string with a quote', { dataKey: 's' }, 'x"y');
value('dataKey: a numeric string stays a string', { dataKey: 'n' }, '42');
value('dataKey: an empty string', { dataKey: 'emptys' }, '');
value('dataKey: #.b collects', { dataKey: 'nested.a.#.b' }, '[1,2]', 'JSON');
value('dataKey: an array index', { dataKey: 'nested.a.1' }, '{"b":2}', 'JSON');
value('dataKey: # is a length', { dataKey: 'countries.#' }, '3', 'Number');
fails(
  'dataKey: a missing key without default is an error',
  { dataKey: 'missing' },
  /dataKey "missing" does not exist in the event data/,
);
value('dataKey: a missing key falls back to value', { dataKey: 'missing', value: 'dflt' }, 'dflt');

// ---- contextKey: the context as Argo marshals it
value('contextKey: id', { contextKey: 'id' }, 'ev-1');
value('contextKey: source', { contextKey: 'source' }, 'webhook-gateway');
value('contextKey: specversion', { contextKey: 'specversion' }, '1.0');
value('contextKey: type', { contextKey: 'type' }, 'webhook');
value('contextKey: datacontenttype', { contextKey: 'datacontenttype' }, 'application/json');
value('contextKey: subject (Argo test)', { contextKey: 'subject' }, 'example-1');
value('contextKey: time is RFC 3339 in UTC, whole seconds', { contextKey: 'time' }, '2024-07-15T10:00:00Z');
fails(
  'contextKey: data is not part of the context',
  { contextKey: 'data' },
  /contextKey "data" does not exist in the event context/,
);

// ---- templates: .Input is the data (or context) as Go values; numbers are float64
value('dataTemplate: a field (Argo test)', { dataTemplate: '{{ .Input.name.first }}' }, 'fake');
value('dataTemplate: sprig upper (Argo test)', { dataTemplate: '{{ upper .Input.name.first }}' }, 'FAKE');
value('dataTemplate: a million prints as Go float64 1e+06', { dataTemplate: '{{ .Input.big }}' }, '1e+06');
value('dataTemplate: a small float prints as 1e-06', { dataTemplate: '{{ .Input.small }}' }, '1e-06');
value('dataTemplate: 8 prints as 8', { dataTemplate: '{{ .Input.reviews }}' }, '8');
value('dataTemplate: a list prints Go style', { dataTemplate: '{{ .Input.countries }}' }, '[ca us mx]');
value(
  'dataTemplate: a map prints Go style',
  { dataTemplate: '{{ .Input.name }}' },
  'map[first:fake last:user]',
);
value('dataTemplate: toJson', { dataTemplate: '{{ toJson .Input.name }}' }, '{"first":"fake","last":"user"}');
value('dataTemplate: add on a float64', { dataTemplate: '{{ .Input.reviews | add 1 }}' }, '9');
value('dataTemplate: int of a float64', { dataTemplate: '{{ .Input.big | int }}' }, '1000000');
value('dataTemplate: mul keeps the float64 look', { dataTemplate: '{{ mul .Input.big 10 }}' }, '10000000');
value(
  'dataTemplate: printf %v',
  { dataTemplate: '{{ printf "%v-%s" .Input.reviews .Input.name.first }}' },
  '8-fake',
);
value('dataTemplate: len', { dataTemplate: '{{ len .Input.countries }}' }, '3');
value('dataTemplate: index', { dataTemplate: '{{ index .Input.countries 1 }}' }, 'us');
value('dataTemplate: range', { dataTemplate: '{{ range .Input.countries }}{{ . }},{{ end }}' }, 'ca,us,mx,');
value('dataTemplate: default', { dataTemplate: '{{ default "d" .Input.missing }}' }, 'd');
value('dataTemplate: a space is output', { dataTemplate: '  ' }, '  ');
value(
  'dataTemplate: now is the engine clock',
  { dataTemplate: '{{ now | date "2006-01-02" }}' },
  '2024-07-15',
);
value('contextTemplate: subject (Argo test)', { contextTemplate: '{{ .Input.subject }}' }, 'example-1');
value(
  'contextTemplate: replace (Argo test)',
  { contextTemplate: '{{ .Input.subject | replace "-" "_" }}' },
  'example_1',
);
value('contextTemplate: time', { contextTemplate: '{{ .Input.time }}' }, '2024-07-15T10:00:00Z');
fails(
  'dataTemplate: <no value> without key or default is an error',
  { dataTemplate: '{{ .Input.missing }}' },
  /evaluated to an empty string or <no value>/,
);
fails('dataTemplate: an empty output is an error', { dataTemplate: '{{ .Input.emptys }}' }, /empty string/);
fails(
  'dataTemplate: an unknown function is an error',
  { dataTemplate: '{{ no }}' },
  /dataTemplate "\{\{ no \}\}"/,
);
fails('dataTemplate: a syntax error is an error', { dataTemplate: '{{ .Input.name.first ' }, /dataTemplate/);

// ---- precedence and fallbacks
value('data key wins over context key (Argo test)', { contextKey: 'subject', dataKey: 'name.first' }, 'fake');
value(
  'data template wins over context template (Argo test)',
  { contextTemplate: '{{ .Input.subject }}', dataTemplate: '{{ .Input.name.first }}' },
  'fake',
);
value(
  'a context template is ignored once a data key is set',
  { contextTemplate: '{{ .Input.subject }}', dataKey: 'name.first' },
  'fake',
);
value(
  'a context key is ignored once a data template is set',
  { contextKey: 'subject', dataTemplate: '{{ .Input.name.first }}' },
  'fake',
);
fails(
  '... even when the data template yields nothing',
  { contextKey: 'subject', dataTemplate: '{{ .Input.nope }}' },
  /dataTemplate/,
);
value(
  'an empty template output falls back to the key (Argo test)',
  { dataTemplate: '{{ .Input.name.non_exist }}', dataKey: 'name.first' },
  'fake',
);
value(
  'an invalid template falls back to the key (Argo test)',
  { dataTemplate: '{{ no }}', dataKey: 'name.first' },
  'fake',
);
value(
  'template and key failing fall back to value',
  { dataTemplate: '{{ .Input.nope }}', dataKey: 'missing', value: 'd' },
  'd',
);
value(
  'useRawData does not change the resolved text (Argo test)',
  { dataKey: 'name', useRawData: true },
  '{"first":"fake","last":"user"}',
  'JSON',
);

// ---- no keys at all
value('no keys: the default value (Argo test)', { value: 'hello' }, 'hello');
value('no keys: an empty default is a value', { value: '' }, '');
test('no keys and no default: the whole event as JSON (data as JSON, not base64 as in Argo)', () => {
  const r = resolve({});
  assert.equal(r?.type, 'String');
  assert.deepEqual(JSON.parse(r!.value), {
    context: {
      id: 'ev-1',
      source: 'webhook-gateway',
      specversion: '1.0',
      type: 'webhook',
      datacontenttype: 'application/json',
      subject: 'example-1',
      time: '2024-07-15T10:00:00Z',
    },
    data: JSON.parse(data),
  });
});

// ---- dependencies that did not fire, or whose data cannot be read
test('a dependency that did not fire: skipped, or its default', () => {
  assert.equal(resolveParameterValue({ dependencyName: 'absent', dataKey: 'a' }, events, NOW), undefined);
  assert.deepEqual(
    resolveParameterValue({ dependencyName: 'absent', dataKey: 'a', value: 'D' }, events, NOW),
    {
      value: 'D',
      type: 'String',
    },
  );
});

for (const [dep, why] of [
  ['txt', /event data is not valid JSON/],
  ['nodata', /unsupported event content type: ""/],
  ['charset', /unsupported event content type: "application\/json; charset=utf-8"/],
  ['text', /unsupported event content type: "text\/plain"/],
] as const) {
  test(`${dep}: data that Argo cannot read is an error, or the default`, () => {
    assert.throws(
      () => resolveParameterValue({ dependencyName: dep, dataKey: 'a' }, events, NOW),
      (e: unknown) =>
        e instanceof ParameterError && why.test(e.message) && e.message.includes(`dependency ${dep}`),
    );
    assert.deepEqual(resolveParameterValue({ dependencyName: dep, dataKey: 'a', value: 'D' }, events, NOW), {
      value: 'D',
      type: 'String',
    });
    // The context can still be read.
    assert.equal(
      resolveParameterValue({ dependencyName: dep, contextKey: 'source' }, events, NOW)?.value,
      'webhook',
    );
  });
}

test('application/yaml data that was JSON is read', () => {
  assert.deepEqual(resolveParameterValue({ dependencyName: 'yaml', dataKey: 'a' }, events, NOW), {
    value: '1',
    type: 'Number',
  });
});

test('a JSON string or array event', () => {
  assert.equal(
    resolveParameterValue({ dependencyName: 'str', dataKey: '@this' }, events, NOW)?.value,
    'just a string',
  );
  assert.equal(resolveParameterValue({ dependencyName: 'arr', dataKey: '1.a' }, events, NOW)?.value, '2');
  assert.equal(
    resolveParameterValue({ dependencyName: 'str', dataTemplate: '{{ .Input }}' }, events, NOW)?.value,
    'just a string',
  );
});

test('an error says which dependency, which key or template, and how to default', () => {
  assert.throws(
    () => resolve({ dataKey: 'missing', dataTemplate: '{{ .Input.nope }}' }),
    (e: unknown) =>
      e instanceof ParameterError &&
      e.message ===
        'unable to resolve a parameter from dependency dep: dataTemplate "{{ .Input.nope }}" evaluated to an empty ' +
          'string or <no value>; dataKey "missing" does not exist in the event data (set src.value for a default)',
  );
});
