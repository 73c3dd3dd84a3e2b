// sprig defaults, JSON, base64/base32, hashes, paths.
// Expected values are what Go's text/template with sprig v3.3.0 (as linked into Argo Events)
// produced for the same template and input; rows are [name, template, .Input, expected].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './helpers.js';

const CASES: Array<[string, string, unknown, string]> = [
  [
    'default treats zero values as unset',
    '{{ default "d" "" }} {{ default "d" (list) }} {{ default "d" false }} {{ default "d" 0.0 }} {{ default "d" "x" }} {{ default "d" }} {{ empty 0 }} {{ empty "a" }} {{ empty nil }} {{ empty (dict) }}',
    {},
    'd d d d x d true false true true',
  ],
  [
    'default with missing and null values',
    '{{ default "x" .Input.missing }}|{{ .Input.missing | default "x" }}|{{ default "x" .Input.a }}|{{ default "x" 0 }}|{{ .Input.b | default "x" | upper }}',
    { a: null, b: 'b' },
    'x|x|x|x|B',
  ],
  [
    'coalesce, all, any, ternary',
    '{{ coalesce 0 "" nil "x" 1 }} [{{ coalesce 0 }}] {{ all 1 "a" }} {{ all 1 0 }} {{ any 0 "" }} {{ any 0 1 }} {{ ternary "y" "n" true }} {{ ternary "y" "n" (eq 1 2) }}',
    {},
    'x [<no value>] true false false true y n',
  ],
  [
    'toJson escapes HTML and U+2028, sorts keys, formats floats like Go',
    '{{ toJson .Input }}',
    { s: '<a>& \u0001\b\f\n\t"\\', n: 1e21, m: 1e-7, z: { b: 1, a: [] } },
    '{"m":1e-7,"n":1e+21,"s":"\\u003ca\\u003e\\u0026\\u2028\\u0001\\b\\f\\n\\t\\"\\\\","z":{"a":[],"b":1}}',
  ],
  [
    'toRawJson does not escape HTML',
    '{{ toRawJson .Input }}',
    { s: '<a>& ', z: { b: 1, a: [] } },
    '{"s":"<a>&\\u2028","z":{"a":[],"b":1}}',
  ],
  [
    'toPrettyJson',
    '{{ toPrettyJson .Input }}',
    { s: 'x', z: { b: 1, a: [], c: {} } },
    '{\n  "s": "x",\n  "z": {\n    "a": [],\n    "b": 1,\n    "c": {}\n  }\n}',
  ],
  [
    'toJson of scalars and sprig results',
    '{{ toJson 1 }} {{ toJson (list) }} {{ toJson (rest (list)) }} {{ toJson nil }} {{ toJson "a" }} {{ toJson (add 1 2) }}',
    {},
    '1 [] null null "a" 3',
  ],
  [
    'toJson of times',
    '{{ toDate "2006-01-02" "2024-03-05" | toJson }} {{ toDate "2006-01-02T15:04:05.999Z07:00" "2024-03-05T01:02:03.45+05:30" | toJson }}',
    {},
    '"2024-03-05T00:00:00Z" "2024-03-05T01:02:03.45+05:30"',
  ],
  [
    'fromJson',
    '{{ (fromJson "{\\"a\\": [1, 2]}").a }} [{{ fromJson "bad" }}] {{ fromJson "[1,2]" | len }}',
    {},
    '[1 2] [<no value>] 2',
  ],
  ['deepCopy', '{{ deepCopy .Input }}', { a: [1, { b: 2 }] }, 'map[a:[1 map[b:2]]]'],
  [
    'b64enc/b64dec',
    '{{ b64enc "hello wörld" }}|{{ b64dec "aGVsbG8=" }}|{{ b64dec "aGVs\\nbG8=" }}|{{ b64dec "" }}|{{ b64dec "aGVsbA==" }}',
    {},
    'aGVsbG8gd8O2cmxk|hello|hello||hell',
  ],
  [
    "b64dec returns Go's error text on bad input",
    '{{ b64dec "aGVsbG8" }}|{{ b64dec "a$==" }}|{{ b64dec "aGVsbG8==" }}|{{ b64dec "aG=Vs" }}|{{ b64dec "=" }}',
    {},
    'illegal base64 data at input byte 4|illegal base64 data at input byte 1|illegal base64 data at input byte 8|illegal base64 data at input byte 2|illegal base64 data at input byte 0',
  ],
  [
    'b32enc/b32dec',
    '{{ b32enc "hi" }}|{{ b32dec "NBUQ====" }}|{{ b32dec "NBUQ" }}',
    {},
    'NBUQ====|hi|illegal base32 data at input byte 0',
  ],
  ['filter template decoding base64 input', '{{ b64dec .Input | upper }}', 'aGVsbG8=', 'HELLO'],
  [
    'hashes',
    '{{ sha1sum "abc" }} {{ sha256sum "abc" }} {{ adler32sum "Wikipedia" }} {{ sha512sum "abc" }}',
    {},
    'a9993e364706816aba3e25717850c26c9cd0d89d ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad 300286872 ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  ],
  [
    'hashes of multi-block UTF-8 input',
    '{{ sha256sum "héllo wörld, a longer string that spans more than one sixty-four byte block of input!!" }} {{ sha1sum "" }} {{ sha512sum "héllo wörld, a longer string that spans more than one hundred and twenty-eight bytes of input, yes, more than that many!!" }}',
    {},
    '0caf37748cb6ee7bb24110edefd51c5980bd2a115f12b39160fbdebc8b23054d da39a3ee5e6b4b0d3255bfef95601890afd80709 511209ac0ba002668d71e68bd96cbdbfaa76e5a831d571aad0a02a596c0fa20c68e7b3192da10019740d12f89f06b0f764449006180288efe7865037c689fde6',
  ],
  [
    'path functions',
    '{{ base "/a/b.txt" }} {{ dir "/a/b.txt" }} {{ clean "/a/../b/./c//" }} {{ ext "x.tar.gz" }} {{ isAbs "a/b" }} {{ clean "../../a/.." }} {{ base "" }} {{ base "///" }} {{ dir "a" }} {{ osBase "a/b/" }}',
    {},
    'b.txt /a /b/c .gz false ../.. . / . b',
  ],
];

for (const [name, tpl, input, want] of CASES) {
  test(name, () => assert.equal(render(tpl, input), want));
}

/** Go's exact error text: [name, template, .Input, error]. */
const ERRORS: Array<[string, string, unknown, string]> = [
  [
    'error: fail',
    '{{ fail "boom" }}',
    {},
    'template: param:1:3: executing "param" at <fail "boom">: error calling fail: boom',
  ],
  [
    'error: fail as a required check',
    '{{ if not .Input.x }}{{ fail "x is required" }}{{ end }}',
    {},
    'template: param:1:24: executing "param" at <fail "x is required">: error calling fail: x is required',
  ],
  [
    'error: mustFromJson bad literal',
    '{{ mustFromJson "bad" }}',
    {},
    'template: param:1:3: executing "param" at <mustFromJson "bad">: error calling mustFromJson: invalid character \'b\' looking for beginning of value',
  ],
  [
    'error: mustFromJson empty',
    '{{ mustFromJson "" }}',
    {},
    'template: param:1:3: executing "param" at <mustFromJson "">: error calling mustFromJson: unexpected end of JSON input',
  ],
  [
    'error: mustFromJson truncated',
    '{{ mustFromJson "{\\"a\\":" }}',
    {},
    'template: param:1:3: executing "param" at <mustFromJson "{\\"a\\":">: error calling mustFromJson: unexpected end of JSON input',
  ],
  [
    'error: mustFromJson missing colon',
    '{{ mustFromJson "{\\"a\\" 1}" }}',
    {},
    'template: param:1:3: executing "param" at <mustFromJson "{\\"a\\" 1}">: error calling mustFromJson: invalid character \'1\' after object key',
  ],
  [
    'error: mustFromJson trailing data',
    '{{ mustFromJson "1 2" }}',
    {},
    'template: param:1:3: executing "param" at <mustFromJson "1 2">: error calling mustFromJson: invalid character \'2\' after top-level value',
  ],
  [
    'error: mustFromJson cut literal',
    '{{ mustFromJson "tru" }}',
    {},
    'template: param:1:3: executing "param" at <mustFromJson "tru">: error calling mustFromJson: invalid character \' \' in literal true (expecting \'e\')',
  ],
  [
    'error: mustFromJson bad exponent',
    '{{ mustFromJson "1e+" }}',
    {},
    'template: param:1:3: executing "param" at <mustFromJson "1e+">: error calling mustFromJson: invalid character \' \' in exponent of numeric literal',
  ],
  [
    'error: mustFromJson bad escape',
    '{{ mustFromJson "\\"a\\\\qb\\"" }}',
    {},
    'template: param:1:3: executing "param" at <mustFromJson "\\"a\\\\qb\\"">: error calling mustFromJson: invalid character \'q\' in string escape code',
  ],
];

for (const [name, tpl, input, want] of ERRORS) {
  test(name, () => assert.equal(renderError(tpl, input).goMessage, want));
}
