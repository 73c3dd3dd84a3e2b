// sprig list and dict functions.
// Expected values are what Go's text/template with sprig v3.3.0 (as linked into Argo Events)
// produced for the same template and input; rows are [name, template, .Input, expected].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './helpers.js';

const CASES: Array<[string, string, unknown, string]> = [
  [
    'list, first, last, rest, initial',
    '{{ list 1 "a" nil }} {{ first (list 1 2) }} {{ last (list 1 2) }} {{ rest (list 1 2 3) }} {{ initial (list 1 2 3) }} [{{ first (list) }}] {{ rest (list) }} [{{ last .Input.l }}]',
    { l: [] },
    '[1 a <nil>] 1 2 [2 3] [1 2] [<no value>] [] [<no value>]',
  ],
  [
    'append, prepend, concat, reverse, uniq, compact',
    '{{ append (list 1) 2 }} {{ prepend (list 1) 0 }} {{ concat (list 1) (list 2 3) .Input.l }} {{ reverse (list 1 2 3) }} {{ uniq (list 1 1 "a" "a" 2) }} {{ compact (list 0 1 "" nil "a" false) }}',
    { l: ['x'] },
    '[1 2] [0 1] [1 2 3 x] [3 2 1] [1 a 2] [1 a]',
  ],
  [
    'has and without use DeepEqual (type matters)',
    '{{ has 2 (list 1 2) }} {{ has "2" (list 1 2) }} {{ has 2.0 .Input.l }} {{ has 1 nil }} {{ without (list 1 2 3 1) 1 3 }}',
    { l: [2] },
    'true false true false [2]',
  ],
  [
    'slice',
    '{{ slice (list 1 2 3 4) 1 3 }} {{ slice (list 1 2 3) 1 }} {{ slice (list 1 2) }} [{{ slice (list) }}] {{ slice .Input.l 0 1 }}',
    { l: ['a', 'b'] },
    '[2 3] [2 3] [1 2] [<no value>] [a]',
  ],
  ['chunk', '{{ chunk 2 (list 1 2 3 4 5) }} {{ chunk 3 (list) }}', {}, '[[1 2] [3 4] [5]] []'],
  [
    'until, untilStep, seq',
    '{{ until 3 }} {{ until -3 }} {{ untilStep 0 10 3 }} {{ untilStep 10 0 -4 }} {{ seq 3 }} {{ seq 2 5 }} {{ seq 5 2 }} {{ seq 0 2 10 }} {{ seq 10 -3 1 }}',
    {},
    '[0 1 2] [0 -1 -2] [0 3 6 9] [10 6 2] 1 2 3 2 3 4 5 5 4 3 2 0 2 4 6 8 10 10 7 4 1',
  ],
  [
    'dict, get, hasKey',
    '{{ dict "a" 1 "b" }} {{ dict 1 2 }} {{ get (dict "a" 1) "a" }} [{{ get (dict "a" 1) "z" }}] {{ hasKey (dict "a" 1) "a" }} {{ hasKey .Input "x" }} {{ get .Input "x" }}',
    { x: null },
    'map[a:1 b:] map[1:2] 1 [] true true <no value>',
  ],
  [
    'set and unset modify the dict',
    '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }} {{ unset $d "a" }}',
    {},
    'map[a:1 b:2] map[b:2]',
  ],
  [
    'pluck, pick, omit',
    '{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }} {{ pick (dict "a" 1 "b" 2 "c" 3) "a" "c" "z" }} {{ omit (dict "a" 1 "b" 2) "a" }}',
    {},
    '[1 3] map[a:1 c:3] map[b:2]',
  ],
  ['keys of one dict, sorted', '{{ keys (dict "b" 1 "a" 2) | sortAlpha }}', {}, '[a b]'],
  [
    'merge keeps existing values, fills empty ones, recurses into maps',
    '{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "x" 9 "y" 2)) }}',
    {},
    'map[a:1 b:3 n:map[x:1 y:2]]',
  ],
  [
    'mergeOverwrite replaces',
    '{{ mergeOverwrite (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "x" 9 "y" 2)) }}',
    {},
    'map[a:2 b:3 n:map[x:9 y:2]]',
  ],
  [
    'merge of empty values and lists',
    '{{ merge (dict "a" "" "b" 0 "l" (list 1)) (dict "a" "x" "b" 5 "l" (list 2)) }} {{ mergeOverwrite (dict "a" "x" "l" (list 1)) (dict "a" "" "l" (list)) }} {{ merge (dict) (dict "l" (list 1)) }}',
    {},
    'map[a:x b:5 l:[1]] map[a: l:[]] map[l:[1]]',
  ],
  [
    'merge into event data',
    '{{ merge .Input.a .Input.b }} {{ .Input.a }}',
    { a: { x: { p: 1 }, s: 'keep', e: null }, b: { x: { q: 2 }, s: 'no', e: 'fill', n: null } },
    'map[e:fill s:keep x:map[p:1 q:2]] map[e:fill s:keep x:map[p:1 q:2]]',
  ],
  [
    'mergeOverwrite with nulls',
    '{{ mergeOverwrite .Input.a .Input.b }}',
    { a: { x: { p: 1 }, s: 'keep', e: null, k: 'v' }, b: { x: { q: 2 }, s: 'no', e: 'fill', k: null } },
    'map[e:fill k:<nil> s:no x:map[p:1 q:2]]',
  ],
  [
    'dig',
    '{{ dig "a" "b" "def" .Input }} {{ dig "a" "z" "def" .Input }} {{ dig "x" "def" .Input }}',
    { a: { b: 5 } },
    '5 def def',
  ],
  [
    'nil dicts',
    '[{{ get nil "a" }}]|{{ hasKey nil "a" }}|{{ keys nil }}|{{ merge nil (dict "a" 1) }}',
    {},
    '[]|false|[]|map[a:1]',
  ],
  [
    'missing values inside dict and list become nil',
    '{{ dict "a" .Input.missing }}|{{ list .Input.missing }}|{{ toJson (dict "a" .Input.missing) }}',
    {},
    'map[a:<nil>]|[<nil>]|{"a":null}',
  ],
];

for (const [name, tpl, input, want] of CASES) {
  test(name, () => assert.equal(render(tpl, input), want));
}

/** Go's exact error text: [name, template, .Input, error]. */
const ERRORS: Array<[string, string, unknown, string]> = [
  [
    'error: slice out of range',
    '{{ slice (list 1 2) 1 5 }}',
    {},
    'template: param:1:3: executing "param" at <slice (list 1 2) 1 5>: error calling slice: reflect.Value.Slice: slice index out of bounds',
  ],
  [
    'error: slice of a string',
    '{{ slice "abc" 1 }}',
    {},
    'template: param:1:3: executing "param" at <slice "abc" 1>: error calling slice: list should be type of slice or array but string',
  ],
  [
    'error: first of a string',
    '{{ first "abc" }}',
    {},
    'template: param:1:3: executing "param" at <first "abc">: error calling first: Cannot find first on type string',
  ],
  [
    'error: first of nil',
    '{{ first nil }}',
    {},
    'template: param:1:3: executing "param" at <first nil>: error calling first: runtime error: invalid memory address or nil pointer dereference',
  ],
  [
    'error: append to nil',
    '{{ append nil 1 }}',
    {},
    'template: param:1:3: executing "param" at <append nil 1>: error calling append: runtime error: invalid memory address or nil pointer dereference',
  ],
  [
    'error: concat of a non-list',
    '{{ concat (list 1) 2 }}',
    {},
    'template: param:1:3: executing "param" at <concat (list 1) 2>: error calling concat: Cannot concat type int as list',
  ],
  [
    'error: dig through a non-map',
    '{{ dig "a" "b" "c" "def" .Input }}',
    { a: { b: 5 } },
    'template: param:1:3: executing "param" at <dig "a" "b" "c" "def" .Input>: error calling dig: interface conversion: interface {} is float64, not map[string]interface {}',
  ],
  [
    'error: dig with too few arguments',
    '{{ dig "a" "def" }}',
    {},
    'template: param:1:3: executing "param" at <dig "a" "def">: error calling dig: dig needs at least three arguments',
  ],
  [
    'error: get on a map[string]string',
    '{{ get (split "," "a") "_0" }}',
    {},
    'template: param:1:18: executing "param" at <"a">: wrong type for value; expected map[string]interface {}; got map[string]string',
  ],
  [
    'error: set on nil',
    '{{ set nil "a" 1 }}',
    {},
    'template: param:1:3: executing "param" at <set nil "a" 1>: error calling set: assignment to entry in nil map',
  ],
  [
    'error: hasKey on a list',
    '{{ hasKey .Input.l "a" }}',
    { l: [] },
    'template: param:1:16: executing "param" at <.Input.l>: wrong type for value; expected map[string]interface {}; got []interface {}',
  ],
];

for (const [name, tpl, input, want] of ERRORS) {
  test(name, () => assert.equal(renderError(tpl, input).goMessage, want));
}
