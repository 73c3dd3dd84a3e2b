// filters.data. Every expected answer below is what Argo Events v1.9.11's own filter code gives
// for the same filter and event bytes (checked by running it), quirks included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterData } from '../../../../src/engine/filters/data-filter.js';
import type { DataFilter, LogicalOperator } from '../../../../src/vocabulary/manifest-types.js';
import { assertOutcome, NOW, viewOf, viewOfText, type Outcome } from './filter-fixtures.js';

function check(
  name: string,
  filters: DataFilter[],
  dataText: string | undefined,
  want: Outcome,
  op?: LogicalOperator,
) {
  test(name, () => assertOutcome(filterData(filters, op, viewOfText(dataText), NOW), want));
}

const num = (value: string[], comparator = '', extra: Partial<DataFilter> = {}): DataFilter[] => [
  { path: 'k', type: 'number', value, comparator, ...extra } as DataFilter,
];
const str = (value: string[], comparator = '', extra: Partial<DataFilter> = {}): DataFilter[] => [
  { path: 'k', type: 'string', value, comparator, ...extra } as DataFilter,
];
const bool = (value: string[]): DataFilter[] => [{ path: 'k', type: 'bool', value }];

// ---- numbers: the event value is gjson's Float(), filter values strconv.ParseFloat

check('number: a numeric string equals a number ("42" vs 42)', num(['42']), '{"k":"42"}', 'pass');
check('number: a number equals a number', num(['42']), '{"k":42}', 'pass');
check('number: "1.0" string vs "1.0" value (Argo test)', num(['1.0']), '{"k": "1.0"}', 'pass');
check('number: "2.0" > 1.0 (Argo test)', num(['1.0'], '>'), '{"k": "2.0"}', 'pass');
check('number: "2.0" <= 1.0 is false (Argo test)', num(['1.0'], '<='), '{"k": "2.0"}', 'fail');
check('number: 1.0 != 1.0 is false (Argo test)', num(['1.0'], '!='), '{"k": 1.0}', 'fail');
check('number: 5.0 = 5.0 (Argo test)', num(['5.0'], '='), '{"k": 5.0}', 'pass');
check('number: 2 >= 2', num(['2'], '>='), '{"k":2}', 'pass');
check('number: 2 < 3', num(['3'], '<'), '{"k":2}', 'pass');
check('number: a space makes the string not a number (0)', num(['42']), '{"k":" 42"}', 'fail');
check('number: a non-numeric string reads as 0', num(['0']), '{"k":"abc"}', 'pass');
check('number: hex strings are not floats', num(['16']), '{"k":"0x10"}', 'fail');
check('number: Go accepts underscores between digits', num(['1000']), '{"k":"1_000"}', 'pass');
check('number: true reads as 1', num(['1']), '{"k":true}', 'pass');
check('number: false, null, objects and arrays read as 0', num(['0']), '{"k":{"a":1}}', 'pass');
check('number: an out-of-range string reads as +Inf', num(['1e308'], '>'), '{"k":"1e400"}', 'pass');
check('number: "NaN" is never equal, so != matches', num(['1'], '!='), '{"k":"NaN"}', 'pass');
check('number: the value "inf" is accepted', num(['inf'], '<'), '{"k":1}', 'pass');
check('number: the value "+nan" is a syntax error', num(['+nan'], '!='), '{"k":1}', 'error');
check('number: an out-of-range value is an error', num(['1e400'], '<'), '{"k":1}', 'error');
check('number: an underflowing value is 0, no error', num(['1e-400'], '>'), '{"k":1}', 'pass');
check('number: a value with a space is an error', num([' 1']), '{"k":1}', 'error');
check('number: a hex float value is accepted', num(['0x1p0']), '{"k":1}', 'pass');
check('number: "==" is not a comparator and never matches', num(['2'], '=='), '{"k":2}', 'fail');
check('number: a match before a bad value passes', num(['1', 'x']), '{"k":1}', 'pass');
check('number: a bad value reached first is an error', num(['x', '1']), '{"k":1}', 'error');
check('number: != with several values passes when any differs', num(['1', '2'], '!='), '{"k":1}', 'pass');
check('number: != fails only when every value is equal', num(['1', '1'], '!='), '{"k":1}', 'fail');

// ---- strings: values are RE2 regexps matched anywhere in gjson's String()

check('string: plain value (Argo test)', str(['v']), '{"k": "v"}', 'pass');
check('string: != a value that does not match (Argo test)', str(['b'], '!='), '{"k": "v"}', 'pass');
check('string: != passes when ANY value does not match', str(['v', 'b'], '!='), '{"k":"v"}', 'pass');
check('string: != fails only when every value matches', str(['v', 'v'], '!='), '{"k":"v"}', 'fail');
check('string: regexps are unanchored', str(['ell']), '{"k":"hello"}', 'pass');
check('string: anchored regexp', str(['^h.*o$']), '{"k":"hello"}', 'pass');
check('string: (?i) flag', str(['(?i)HELLO']), '{"k":"hello"}', 'pass');
check('string: > never matches a string', str(['v'], '>'), '{"k":"v"}', 'fail');
check('string: <= never matches a string', str(['v'], '<='), '{"k":"v"}', 'fail');
check('string: an invalid regexp is an error', str(['[']), '{"k":"hello"}', 'error');
check('string: a match before an invalid regexp passes', str(['hello', '[']), '{"k":"hello"}', 'pass');
check('string: an invalid regexp reached first is an error', str(['x', '[']), '{"k":"hello"}', 'error');
check(
  'string: an array is its JSON text',
  str(['^\\[1,"a",\\{"b":2\\}\\]$']),
  '{"k":[1,"a",{"b":2}]}',
  'pass',
);
check(
  'string: #.name gives a JSON array text',
  [{ path: 'items.#.name', type: 'string', value: ['^\\["a","b"\\]$'] }],
  '{"items":[{"name":"a"},{"name":"b"}]}',
  'pass',
);
check('string: a number is its shortest text (1.0 is "1")', str(['^1$']), '{"k":1.0}', 'pass');
check('string: 1e21 prints without exponent', str(['^1000000000000000000000$']), '{"k":1e21}', 'pass');
check('string: 1e-7 prints in full', str(['^0.0000001$']), '{"k":1e-7}', 'pass');
check('string: true is "true"', str(['^true$']), '{"k":true}', 'pass');
check('string: null is ""', str(['^$']), '{"k":null}', 'pass');
check('string: . does not match a newline', str(['^a$']), '{"k":"a\\nb"}', 'fail');
check('string: (?m) anchors at newlines', str(['(?m)^b$']), '{"k":"a\\nb"}', 'pass');
check('string: . matches one code point', str(['^.$']), '{"k":"\\ud83d\\ude00"}', 'pass');
check('string: \\A and \\z', str(['\\Aabc\\z']), '{"k":"abc"}', 'pass');
check('string: RE2 rejects a{2,1}', str(['a{2,1}']), '{"k":"abc"}', 'error');
check('string: [[:alpha:]] class', str(['[[:alpha:]]']), '{"k":"x"}', 'pass');
check(
  'string: multipath (Argo test)',
  [{ path: '[k,k1.a.#(k2=="v2").k2]', type: 'string', value: ['\\bv\\b.*\\bv2\\b'], comparator: '=' }],
  '{"k": "v", "k1": {"a": [{"k2": "v2"}]}}',
  'pass',
);
// Argo's docs show this path without brackets; gjson 1.19 finds nothing there, so it errors.
check(
  'string: a comma path without brackets does not exist',
  [
    {
      path: 'body.action,body.labels.#(name=="Webhook").name',
      type: 'string',
      value: ['"opened","Webhook"'],
    },
  ],
  '{"body":{"action":"opened","labels":[{"name":"Webhook"}]}}',
  'error',
);

// ---- bools: filter values strconv.ParseBool, the event value gjson's Bool()

for (const v of ['true', 't', 'T', 'TRUE', 'True', '1'])
  check(`bool: value "${v}" is true`, bool([v]), '{"k":true}', 'pass');
check('bool: value "tRuE" is not a bool', bool(['tRuE']), '{"k":true}', 'error');
check('bool: value "yes" is not a bool', bool(['yes']), '{"k":true}', 'error');
for (const s of ['true', 't', '1', 'TRUE', 'tRUe'])
  check(`bool: event string "${s}" reads true`, bool(['true']), `{"k":"${s}"}`, 'pass');
check('bool: event string "yes" reads false', bool(['false']), '{"k":"yes"}', 'pass');
check('bool: event string " true" reads false', bool(['false']), '{"k":" true"}', 'pass');
check('bool: a non-zero number reads true', bool(['true']), '{"k":-1}', 'pass');
check('bool: 0 reads false', bool(['false']), '{"k":0}', 'pass');
check('bool: null, objects and arrays read false', bool(['false']), '{"k":[true]}', 'pass');
check('bool: a match before a bad value passes', bool(['false', 'x']), '{"k":false}', 'pass');
check('bool: a bad value reached first is an error', bool(['x', 'false']), '{"k":false}', 'error');

// ---- templates: .Input is the path's String(); the output is compared instead

check(
  'template: b64dec | upper (Argo test)',
  str(['HELLO WORLD'], '', { template: '{{ b64dec .Input | upper }}' }),
  '{"k": "aGVsbG8gd29ybGQ="}',
  'pass',
);
check(
  'template: decoded number > 3.13 (Argo test)',
  num(['3.13'], '>', { template: '{{ b64dec .Input }}' }),
  '{"k": "My4xNA=="}',
  'pass',
);
check(
  'template: unpadded base64 gives an error text, so != passes (Argo test)',
  str(['hello world'], '!=', { template: '{{ b64dec .Input }}' }),
  '{"k": "aGVsbG8gd29ybGQ"}',
  'pass',
);
check(
  'template: regex on the output (Argo test)',
  str(['world$'], '', { template: '{{ b64dec .Input }}' }),
  '{"k": "aGVsbG8gd29ybGQ="}',
  'pass',
);
check(
  'template: .Input is a string even for a number',
  str(['^string$'], '', { template: '{{ kindOf .Input }}' }),
  '{"k": 5}',
  'pass',
);
check(
  'template: .Input of a number is its text',
  num(['5'], '', { template: '{{ .Input }}' }),
  '{"k": 5.0}',
  'pass',
);
check(
  'template: a trailing space makes the output not a number',
  num(['5'], '', { template: '{{ .Input }} ' }),
  '{"k": 5}',
  'fail',
);
check(
  'template: a trailing newline makes the output not a number',
  num(['5'], '', { template: '{{ .Input }}\n' }),
  '{"k": 5}',
  'fail',
);
check(
  'template: "TRUE" reads as a true bool',
  bool(['true']).map((f) => ({ ...f, template: '{{ .Input | upper }}' })),
  '{"k": true}',
  'pass',
);
check(
  'template: the output is cut at \\v, as Argo re-reads it',
  str(['^a$'], '', { template: 'a\v{{ .Input }}' }),
  '{"k": "x"}',
  'pass',
);
check(
  'template: the output is cut at a control character',
  str(['^a$'], '', { template: 'a\u0001{{ .Input }}' }),
  '{"k": "x"}',
  'pass',
);
check('template: a tab is kept', str(['^a\tx$'], '', { template: 'a\t{{ .Input }}' }), '{"k": "x"}', 'pass');
check(
  'template: quotes and backslashes are kept',
  str(['^"\\\\x$'], '', { template: '"\\{{ .Input }}' }),
  '{"k": "x"}',
  'pass',
);
check(
  'template: an empty output is an error',
  str(['x'], '', { template: '{{ if false }}x{{ end }}' }),
  '{"k": "x"}',
  'error',
);
check('template: <no value> is an error', str(['x'], '', { template: '{{ .Nope }}' }), '{"k": "x"}', 'error');
check(
  'template: a syntax error is an error',
  str(['x'], '', { template: '{{ .Input ' }),
  '{"k": "x"}',
  'error',
);
check(
  'template: an execution error is an error',
  str(['x'], '', { template: '{{ fail "boom" }}' }),
  '{"k": "x"}',
  'error',
);

// ---- structure

check('a missing path is an error', [{ path: 'z', type: 'string', value: ['v'] }], '{"k":"v"}', 'error');
check(
  'an empty path is an error (Argo test)',
  [{ path: '', type: 'string', value: ['v'] }],
  '{"k":"v"}',
  'error',
);
check('no values is an error (Argo test)', str([]), '{"k":"v"}', 'error');
check(
  'an unknown type is an error (Argo test)',
  [{ path: 'k', type: 'int', value: ['1'] } as unknown as DataFilter],
  '{"k":1}',
  'error',
);
check('data that is not JSON is an error', str(['v']), 'abc', 'error');
check('an event without data passes (Argo test)', str(['v']), undefined, 'pass');
check('no filters pass', [], '{"k":1}', 'pass');
check('an array event: index path', [{ path: '0', type: 'number', value: ['1'] }], '[1,2]', 'pass');
check('an array event: # is the length', [{ path: '#', type: 'number', value: ['2'] }], '[1,2]', 'pass');
check('an escaped dot in a path', [{ path: 'a\\.b', type: 'string', value: ['^x$'] }], '{"a.b":"x"}', 'pass');
check('a wildcard path', [{ path: 'a*', type: 'string', value: ['^x$'] }], '{"abc":"x"}', 'pass');

const nested = '{"k": true, "k1": {"k": 3.14, "k2": "hello, world"}}';
check(
  'and: all three filters must match (Argo test)',
  [
    { path: 'k', type: 'bool', value: ['true'] },
    { path: 'k1.k', type: 'number', value: ['3.14'] },
    { path: 'k1.k2', type: 'string', value: ['hello,world', 'hello, world', 'hello there'] },
  ],
  nested,
  'pass',
  'and',
);
check(
  'and (empty operator): one mismatch fails (Argo test)',
  [
    { path: 'k', type: 'string', value: ['v'] },
    { path: 'k1.k', type: 'number', value: ['2.14'] },
  ],
  nested,
  'fail',
);
check(
  'or: one match is enough (Argo test)',
  [
    { path: 'k', type: 'bool', value: ['false'] },
    { path: 'k1.k', type: 'number', value: ['3.14'] },
  ],
  nested,
  'pass',
  'or',
);

// ---- dataLogicalOperator: or with missing paths and errors

const kv = '{"k":"v"}';
const missing: DataFilter = { path: 'z', type: 'string', value: ['v'] };
const match: DataFilter = { path: 'k', type: 'string', value: ['v'] };
const noMatch: DataFilter = { path: 'k', type: 'string', value: ['x'] };
check('or: a missing path, then a match: passes', [missing, match], kv, 'pass', 'or');
check('or: a match, then a missing path: passes', [match, missing], kv, 'pass', 'or');
check('or: a missing path and no match: an error', [missing, noMatch], kv, 'error', 'or');
check('or: no match and no error: fails', [noMatch], kv, 'fail', 'or');
check(
  'or: a bad value, then a match: passes',
  [{ path: 'k', type: 'bool', value: ['x'] }, match],
  kv,
  'pass',
  'or',
);
check(
  'or: a template error, then a match: passes',
  [{ ...noMatch, template: '{{ fail "x" }}' }, match],
  kv,
  'pass',
  'or',
);
check('"OR" is not "or": filters are ANDed', [missing, match], kv, 'error', 'OR' as LogicalOperator);

// ---- reasons say which filter, path, value and expectation

test('reasons name the filter, the path, the value found and what was expected', () => {
  const view = viewOf({ body: { ref: 'refs/heads/dev', n: 3, ok: true } });
  const r1 = filterData(
    [{ path: 'body.ref', type: 'string', value: ['^refs/heads/main$'] }],
    undefined,
    view,
    NOW,
  );
  assert.match(r1.reason!, /data filter \[0\] path "body\.ref"/);
  assert.match(r1.reason!, /"refs\/heads\/dev"/);
  assert.match(r1.reason!, /\^refs\/heads\/main\$/);
  const r2 = filterData(
    [{ path: 'body.n', type: 'number', value: ['5'], comparator: '>=' }],
    undefined,
    view,
    NOW,
  );
  assert.match(r2.reason!, /number 3 .* is not >= any of \["5"\]/);
  const r3 = filterData([{ path: 'body.missing', type: 'bool', value: ['true'] }], undefined, view, NOW);
  assert.equal(r3.error, r3.reason);
  assert.match(r3.reason!, /path "body\.missing": does not exist/);
  const r4 = filterData([{ path: 'body.ref', type: 'string', value: ['('] }], undefined, view, NOW);
  assert.match(r4.reason!, /value "\(" is not a valid regexp/);
  const r5 = filterData(
    [{ path: 'body.ref', type: 'string', value: ['x'], comparator: '>' }],
    undefined,
    view,
    NOW,
  );
  assert.match(r5.reason!, /comparator ">" never matches a string/);
  const r6 = filterData([missing, noMatch], 'or', viewOf({ k: 'v' }), NOW);
  assert.match(r6.reason!, /dataLogicalOperator: or/);
  assert.match(r6.reason!, /\[0\] path "z"/);
  assert.match(r6.reason!, /\[1\] path "k": "v" matches none of \["x"\]/);
});

test('a huge value is shortened in the reason', () => {
  const r = filterData(str(['^x$']), undefined, viewOf({ k: 'a'.repeat(10_000) }), NOW);
  assert.ok(r.reason!.length < 600, `reason of ${r.reason!.length} characters`);
});
