// How Go prints JSON values: float64 %v, <no value>, <nil>, maps, slices, missing keys.
// Expected values are what Go's text/template with sprig v3.3.0 (as linked into Argo Events)
// produced for the same template and input; rows are [name, template, .Input, expected].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from './helpers.js';

const CASES: Array<[string, string, unknown, string]> = [
  ['float64 one million prints as 1e+06', '{{ .Input.n }}', { n: 1000000 }, '1e+06'],
  [
    'float64 below 1e21 but at exponent >= 21 threshold of %v',
    '{{ .Input.n }}',
    { n: 123456789 },
    '1.23456789e+08',
  ],
  ['float64 100000 prints plainly', '{{ .Input.n }}', { n: 100000 }, '100000'],
  [
    'float64 small values switch to exponent below 1e-4',
    '{{ .Input.a }} {{ .Input.b }}',
    { a: 0.0001, b: 0.00001 },
    '0.0001 1e-05',
  ],
  [
    'float64 integral values print without decimals',
    '{{ .Input.a }} {{ .Input.b }} {{ .Input.c }}',
    { a: 1, b: 42, c: -7 },
    '1 42 -7',
  ],
  [
    'float64 fractions print shortest',
    '{{ .Input.a }} {{ .Input.b }} {{ .Input.c }}',
    { a: 0.1, b: 1.5e-7, c: 3.14159 },
    '0.1 1.5e-07 3.14159',
  ],
  ['float64 1e21', '{{ .Input.n }}', { n: 1e21 }, '1e+21'],
  ['bools print as true/false', '{{ .Input.t }} {{ .Input.f }}', { t: true, f: false }, 'true false'],
  ['missing key prints <no value>', '[{{ .Input.missing }}]', {}, '[<no value>]'],
  ['missing nested key prints <no value>', '[{{ .Input.a.b.c }}]', { a: {} }, '[<no value>]'],
  ['JSON null at top level prints <no value>', '[{{ .Input.a }}]', { a: null }, '[<no value>]'],
  [
    'nil inside collections prints <nil>',
    '{{ .Input.l }} {{ .Input.m }}',
    { l: [1, null], m: { x: null } },
    '[1 <nil>] map[x:<nil>]',
  ],
  [
    'slices print space separated in brackets',
    '{{ .Input.l }}',
    { l: [1, 'a', true, [2, 3], { k: 'v' }] },
    '[1 a true [2 3] map[k:v]]',
  ],
  [
    'maps print sorted by key',
    '{{ .Input }}',
    { b: 1, a: { d: 2, c: 3 }, B: 4 },
    'map[B:4 a:map[c:3 d:2] b:1]',
  ],
  ['empty collections', '{{ .Input.l }} {{ .Input.m }}', { l: [], m: {} }, '[] map[]'],
  [
    'strings print raw',
    '{{ .Input.s }}',
    { s: 'a "quoted" <b> & \\ \n line' },
    'a "quoted" <b> & \\ \n line',
  ],
  ['$ is the whole data', '{{ $.Input.a }}', { a: 'x' }, 'x'],
  ['filter templates get .Input as a string', '{{ .Input }}', 'plain text', 'plain text'],
  [
    'the example from the docs: title',
    '{{ .Input.body.message | title }}',
    { body: { message: 'hello from argo events' } },
    'Hello From Argo Events',
  ],
  [
    'the example from the docs: nospace | lower',
    '{{ .Input.body.name | nospace | lower }}-',
    { body: { name: 'John Doe' } },
    'johndoe-',
  ],
  [
    'params_test: upper of a nested key',
    '{{ upper .Input.name.first }}',
    { name: { first: 'fname' } },
    'FNAME',
  ],
  [
    'params_test: replace in a piped value',
    '{{ .Input.subject | replace "-" "_" }}',
    { subject: 'example-subject' },
    'example_subject',
  ],
  [
    'email trigger style multi-line template',
    'Hi {{.Input.name}},\n\tHello There.\nThanks,\nObi',
    { name: 'Luke' },
    'Hi Luke,\n\tHello There.\nThanks,\nObi',
  ],
];

for (const [name, tpl, input, want] of CASES) {
  test(name, () => assert.equal(render(tpl, input), want));
}
