// sprig math and conversions: int64 results, cast rules, decimal float ops, rounding.
// Expected values are what Go's text/template with sprig v3.3.0 (as linked into Argo Events)
// produced for the same template and input; rows are [name, template, .Input, expected].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './helpers.js';

const CASES: Array<[string, string, unknown, string]> = [
  [
    'integer math',
    '{{ add 1 2 3 }} {{ add 1.9 "2" }} {{ add1 5 }} {{ sub 5 2.7 }} {{ div 7 2 }} {{ mod 7 3 }} {{ mul 2 3 4 }} {{ max 1 5 3 }} {{ min 4 2 }} {{ biggest 1 9 }}',
    {},
    '6 3 6 3 3 1 24 5 2 9',
  ],
  [
    'integer math on JSON numbers truncates',
    '{{ mul .Input.a 2 }} {{ div .Input.a 3 }} {{ .Input.a | add1 }} {{ round .Input.a 1 }} {{ floor .Input.a }}',
    { a: 10.75 },
    '20 3 11 10.8 10',
  ],
  ['add returns int64', '{{ add 1 2 | typeOf }}', {}, 'int64'],
  [
    'float ops use decimals',
    '{{ addf 1.1 2.2 }} {{ subf 5 1.1 1.1 }} {{ mulf 1.1 3 }} {{ divf 10 3 }} {{ divf 1 3 }} {{ add1f 1.5 }} {{ maxf 1 2.5 }} {{ minf 1 2.5 -3 }} {{ divf 2 3 }}',
    {},
    '3.3 2.8 3.3 3.3333333333333335 0.3333333333333333 2.5 2.5 -3 0.6666666666666667',
  ],
  [
    'floor, ceil, round',
    '{{ floor 1.5 }} {{ ceil 1.2 }} {{ round 1.2345 2 }} {{ round 1.235 2 }} {{ round 2.5 0 }} {{ round -2.5 0 }} {{ round 1.2 0 0.2 }} {{ floor "3.7" }}',
    {},
    '1 2 1.23 1.24 3 -3 1 3',
  ],
  [
    'conversions follow spf13/cast',
    '{{ int 3.9 }} {{ int -3.9 }} {{ int "12abc" }} {{ int true }} {{ int nil }} {{ int64 "0b101" }} {{ float64 "inf" }} {{ float64 "1e400" }} {{ toDecimal "0777" }} {{ toDecimal 777 }} {{ atoi "-5" }} {{ atoi "0x10" }}',
    {},
    '3 -3 0 1 0 5 +Inf 0 511 511 -5 0',
  ],
  [
    'string to int parsing uses base prefixes',
    '{{ int .Input.n }} {{ int64 "0x1F" }} {{ int "010" }} {{ int "08" }} {{ float64 "1_000" }} {{ int "1.00" }} {{ atoi "12" }}',
    { n: 1000000.7 },
    '1000000 31 8 0 1000 1 12',
  ],
  [
    'typeOf and kindOf',
    '{{ typeOf 1 }} {{ typeOf .Input.n }} {{ typeOf .Input.l }} {{ typeOf .Input }} {{ typeOf nil }} {{ kindOf 1 }} {{ kindOf .Input.l }} {{ kindOf .Input }} {{ kindOf nil }} {{ typeIs "float64" .Input.n }} {{ kindIs "map" .Input }} {{ typeIsLike "int" 1 }}',
    { n: 1, l: [] },
    'int float64 []interface {} map[string]interface {} <nil> int slice map invalid true true true',
  ],
  [
    'deepEqual',
    '{{ deepEqual (list 1 2) (list 1 2) }} {{ deepEqual 1 1.0 }} {{ deepEqual .Input.a .Input.b }}',
    { a: { x: [1] }, b: { x: [1] } },
    'true false true',
  ],
];

for (const [name, tpl, input, want] of CASES) {
  test(name, () => assert.equal(render(tpl, input), want));
}

/** Go's exact error text: [name, template, .Input, error]. */
const ERRORS: Array<[string, string, unknown, string]> = [
  [
    'error: integer division by zero',
    '{{ div 1 0 }}',
    {},
    'template: param:1:3: executing "param" at <div 1 0>: error calling div: runtime error: integer divide by zero',
  ],
  [
    'error: modulo by zero',
    '{{ mod 1 0 }}',
    {},
    'template: param:1:3: executing "param" at <mod 1 0>: error calling mod: runtime error: integer divide by zero',
  ],
  [
    'error: decimal division by zero',
    '{{ divf 1 0 }}',
    {},
    'template: param:1:3: executing "param" at <divf 1 0>: error calling divf: decimal division by 0',
  ],
];

for (const [name, tpl, input, want] of ERRORS) {
  test(name, () => assert.equal(renderError(tpl, input).goMessage, want));
}
