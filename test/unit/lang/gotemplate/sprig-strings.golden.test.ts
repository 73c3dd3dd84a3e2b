// sprig string functions, including the byte-oriented ones and case conversions.
// Expected values are what Go's text/template with sprig v3.3.0 (as linked into Argo Events)
// produced for the same template and input; rows are [name, template, .Input, expected].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './helpers.js';

const CASES: Array<[string, string, unknown, string]> = [
  [
    'upper/lower use simple case mapping',
    '{{ upper "héllo ß ǆ" }}|{{ lower "HÉLLO İ ΑΣ" }}',
    {},
    'HÉLLO ß Ǆ|héllo i ασ',
  ],
  [
    'title and untitle',
    '{{ title "hello wORLD o\'neil x-y_z 3d" }}|{{ untitle "Hello World" }}',
    {},
    "Hello WORLD O'Neil X-Y_z 3d|hello world",
  ],
  [
    'trim uses Go whitespace (NEL and NBSP yes, BOM no)',
    '{{ trim "  \\t hi \\n " }}|{{ trim "\\u0085x\\u00a0" }}|{{ trim "\\ufeffx" }}',
    {},
    'hi|x|﻿x',
  ],
  [
    'trimAll/trimPrefix/trimSuffix',
    '{{ trimAll "$" "$$5.00$" }}|{{ trimall "ab" "abcba" }}|{{ trimPrefix "x" "xxy" }}|{{ trimSuffix "-" "a--" }}',
    {},
    '5.00|c|xy|a-',
  ],
  [
    'trunc from either end',
    '{{ trunc 5 "hello world" }}|{{ trunc -5 "hello world" }}|{{ trunc 20 "hi" }}|{{ trunc -20 "hi" }}',
    {},
    'hello|world|hi|hi',
  ],
  [
    'trunc counts bytes',
    '{{ trunc 4 .Input.s }}|{{ substr 0 3 .Input.s }}|{{ abbrev 5 .Input.s }}',
    { s: '日本語テキスト' },
    '日�|日|��...',
  ],
  [
    'abbrev and abbrevboth',
    '{{ abbrev 5 "hello world" }}|{{ abbrev 3 "hello" }}|{{ abbrev 20 "hi" }}|{{ abbrevboth 5 10 "1234 5678 9123" }}',
    {},
    'he...|hello|hi|...5678...',
  ],
  [
    'substr edge rules',
    '{{ substr 0 5 "hello world" }}|{{ substr 6 -1 "hello world" }}|{{ substr -1 3 "hello" }}|{{ substr 2 99 "hello" }}',
    {},
    'hello|world|hel|llo',
  ],
  ['repeat', '{{ repeat 3 "ab" }}|{{ "x" | repeat 2 }}', {}, 'ababab|xx'],
  [
    'replace, including empty old',
    '{{ replace " " "-" "a b c" }}|{{ replace "" "x" "ab" }}',
    {},
    'a-b-c|xaxbx',
  ],
  [
    'contains/hasPrefix/hasSuffix',
    '{{ contains "ell" "hello" }} {{ hasPrefix "he" "hello" }} {{ hasSuffix "lo" "hello" }}',
    {},
    'true true true',
  ],
  [
    'quote, squote and cat skip nil',
    '{{ quote "a" 1 nil .Input.missing "b\\"c" }}|{{ squote "a" 2.5 nil }}|{{ cat "a" 1 nil (list 1 2) }}',
    {},
    '"a" "1" "b\\"c"|\'a\' \'2.5\'|a 1 [1 2]',
  ],
  [
    'quote prints float64 with %v',
    '{{ quote .Input.n }} {{ squote .Input.n }} {{ cat .Input.n "a" nil 2 }}',
    { n: 1000000 },
    '"1e+06" \'1e+06\' 1e+06 a 2',
  ],
  ['indent and nindent', '{{ indent 2 "a\\nb" }}|{{ nindent 2 "a\\nb" }}', {}, '  a\n  b|\n  a\n  b'],
  [
    'nospace works on bytes (non-ASCII text gets mangled when it has spaces)',
    '{{ nospace "h e l l o \\t w" }}|{{ nospace "héllo wörld" }}|{{ nospace "héllo" }}',
    {},
    'hellow|hÃ©llowÃ¶rld|héllo',
  ],
  ['initials', '{{ initials "hello big world" }}|{{ initials "élan vital" }}', {}, 'hbw|Ãv'],
  [
    'wrap and wrapWith',
    '{{ wrap 5 "hello big world here" }}|{{ wrapWith 5 "<br>" "hellobigworld x" }}|{{ wrap 3 "abcdefgh ij" }}',
    {},
    'hello\nbig\nworld\nhere|hello<br>bigwo<br>rld x|abcdefgh\nij',
  ],
  [
    'snakecase',
    '{{ snakecase "HTTPStatusCode" }}|{{ snakecase "helloWorld" }}|{{ snakecase "hello world-foo_bar" }}|{{ snakecase "ID123abc" }}|{{ snakecase "abc123Def" }}|{{ snakecase "a1b2c3" }}|{{ snakecase "FooBar.Baz" }}|{{ snakecase "  lead" }}',
    {},
    'http_status_code|hello_world|hello_world_foo_bar|id_123abc|abc123_def|a_1b2c3|foo_bar.baz|__lead',
  ],
  [
    'kebabcase',
    '{{ kebabcase "HTTPStatusCode" }}|{{ kebabcase "helloWorld" }}|{{ kebabcase "XMLHttpRequest2Go" }}|{{ kebabcase "version 1.2.3" }}',
    {},
    'http-status-code|hello-world|xml-http-request2-go|version-1.2.3',
  ],
  [
    'camelcase is PascalCase in sprig v3',
    '{{ camelcase "hello_world" }}|{{ camelcase "http_server" }}|{{ camelcase "HELLO world" }}|{{ camelcase "__" }}|{{ camelcase "_a" }}|{{ camelcase "a" }}|{{ camelcase "foo-bar baz" }}|{{ camelcase "AbcDEF_ghi" }}',
    {},
    'HelloWorld|HttpServer|HelloWorld|___|_A|A|FooBarBaz|AbcDEFGhi',
  ],
  ['swapcase', '{{ swapcase "Hello World ǅx" }}', {}, 'hELLO wORLD ǆX'],
  ['plural', '{{ plural "one" "many" 1 }} {{ plural "one" "many" 2 }}', {}, 'one many'],
  [
    'toString',
    '{{ toString 1.5 }} {{ toString 3 }} {{ toString nil }} {{ toString (list 1) }} {{ toString true }} {{ toString .Input.n }}',
    { n: 1000000 },
    '1.5 3 <nil> [1] true 1e+06',
  ],
  [
    'split returns a map of _N keys',
    '{{ split "/" "a/b/c" }}|{{ (split "/" "a/b")._1 }}|{{ splitn "/" 2 "a/b/c" }}',
    {},
    'map[_0:a _1:b _2:c]|b|map[_0:a _1:b/c]',
  ],
  [
    'splitList',
    '{{ splitList "," "a,b,,c" }}|{{ splitList "" "héy" }}|{{ splitList "," "" }}',
    {},
    '[a b  c]|[h é y]|[]',
  ],
  [
    'join and sortAlpha',
    '{{ join "-" (list 1 "a" nil 2.5) }}|{{ join "," "abc" }}|{{ join "," .Input.missing }}|{{ sortAlpha (list "b" "a" "B" 10 2) }}|{{ sortAlpha "x" }}',
    {},
    '1-a-2.5|abc||[10 2 B a b]|[x]',
  ],
  [
    'typed results',
    '{{ toStrings (list 1 "a" nil) }} {{ typeOf (toStrings (list 1)) }} {{ typeOf (splitList "," "a") }} {{ typeOf (split "," "a") }}',
    {},
    '[1 a] []string []string map[string]string',
  ],
  ['hello', '{{ hello }}', {}, 'Hello!'],
  [
    'piping converted numbers into string functions',
    '{{ .Input.n | toString | len }} {{ .Input.a | int | add 1 }}',
    { n: 12345, a: '41' },
    '5 42',
  ],
];

for (const [name, tpl, input, want] of CASES) {
  test(name, () => assert.equal(render(tpl, input), want));
}

/** Go's exact error text: [name, template, .Input, error]. */
const ERRORS: Array<[string, string, unknown, string]> = [
  [
    'error: substr out of range',
    '{{ substr 4 2 "hello" }}',
    {},
    'template: param:1:3: executing "param" at <substr 4 2 "hello">: error calling substr: runtime error: slice bounds out of range [4:2]',
  ],
  [
    'error: substr start beyond length',
    '{{ substr 9 -1 "hello" }}',
    {},
    'template: param:1:3: executing "param" at <substr 9 -1 "hello">: error calling substr: runtime error: slice bounds out of range [9:5]',
  ],
  [
    'error: substr end beyond length',
    '{{ substr -1 9 "hello" }}',
    {},
    'template: param:1:3: executing "param" at <substr -1 9 "hello">: error calling substr: runtime error: slice bounds out of range [:9] with length 5',
  ],
  [
    'error: negative repeat',
    '{{ repeat -1 "ab" }}',
    {},
    'template: param:1:3: executing "param" at <repeat -1 "ab">: error calling repeat: strings: negative Repeat count',
  ],
  [
    'error: trunc of a JSON number count',
    '{{ trunc .Input.n "abc" }}',
    { n: 1 },
    'template: param:1:15: executing "param" at <.Input.n>: wrong type for value; expected int; got float64',
  ],
];

for (const [name, tpl, input, want] of ERRORS) {
  test(name, () => assert.equal(renderError(tpl, input).goMessage, want));
}
