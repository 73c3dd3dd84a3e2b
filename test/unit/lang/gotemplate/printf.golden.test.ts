// fmt verbs through printf: %v %d %s %q %f %e %g %x %t %c %U, flags, width, precision.
// Expected values are what Go's text/template with sprig v3.3.0 (as linked into Argo Events)
// produced for the same template and input; rows are [name, template, .Input, expected].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from './helpers.js';

const CASES: Array<[string, string, unknown, string]> = [
  [
    'basic verbs',
    '{{ printf "%v %d %s %.2f %5s|%-5s|%q %t %x %+v %%" 1.5 3 "s" 3.14159 "ab" "cd" "q" true 255 .Input }}',
    { n: 1 },
    '1.5 3 s 3.14    ab|cd   |"q" true ff map[n:1] %',
  ],
  [
    '%s on a float64 is a bad verb',
    '{{ printf "%v %d %s" 1.5 3 .Input.n }}',
    { n: 1000000 },
    '1.5 3 %!s(float64=1e+06)',
  ],
  [
    'missing and extra arguments',
    '{{ printf "%d %s" 1 }}|{{ printf "%d" 1 "a" nil }}',
    {},
    '1 %!s(MISSING)|1%!(EXTRA string=a, <nil>)',
  ],
  [
    'bad verbs show type=value',
    '{{ printf "%z %s %d %t" 1 2 "x" 5 }}',
    {},
    '%!z(int=1) %!s(int=2) %!d(string=x) %!t(int=5)',
  ],
  ['argument indexes', '{{ printf "%[2]d %[1]d %[3]d" 1 2 }}', {}, '2 1 %!d(BADINDEX)'],
  ['star width and precision', '{{ printf "%*d|%-*d|%.*f" 5 1 5 2 2 3.14159 }}', {}, '    1|2    |3.14'],
  [
    'verbs apply inside lists and maps',
    '{{ printf "%s %d %v" (list "a" 1 nil) (list "a" 1) (dict "b" nil "a" (list)) }}',
    {},
    '[a %!s(int=1) <nil>] [%!d(string=a) 1] map[a:[] b:<nil>]',
  ],
  [
    '%#v Go syntax',
    '{{ printf "%#v %#v %#v %#v" (dict "a" 1.0 "b" "x") (list 1 "a" nil) 1e6 "q" }}',
    {},
    'map[string]interface {}{"a":1, "b":"x"} []interface {}{1, "a", interface {}(nil)} 1e+06 "q"',
  ],
  ['hex of floats and ints', '{{ printf "%x %X %.2x" 1.5 -255 3.0 }}', {}, '0x1.8p+00 -FF 0x1.80p+01'],
  [
    '%e %g family',
    '{{ printf "%e %E %.0e %g %G %.3g %#g" 0.0 1e100 15.5 100000.0 1e21 1234.5678 1.0 }}',
    {},
    '0.000000e+00 1.000000E+100 2e+01 100000 1E+21 1.23e+03 1.00000',
  ],
  [
    '%f rounds half to even on exact ties',
    '{{ printf "%.0f %.0f %.0f %.2f %.1f %.3f" 0.5 1.5 2.5 1.005 0.25 -0.0005 }}',
    {},
    '0 2 2 1.00 0.2 -0.001',
  ],
  [
    'integer verbs and flags',
    '{{ printf "%5t|%-7v|%q|%c|%U|%#U|%o|%#o|%b|%#x|%08.3f|%+d|% d" true nil \'x\' 0x1F600 0x1F600 0x1F600 8 8 5 255 3.14159 5 5 }}',
    {},
    " true|<nil>  |'x'|😀|U+1F600|U+1F600 '😀'|10|010|101|0xff|0003.142|+5| 5",
  ],
  [
    'string verbs',
    '{{ printf "%q %+q %x % x %X %5.2s|" "héllo\\x01\\u2028" "héllo" "hi" "hi" "hi" "héllo" }}',
    {},
    '"héllo\\x01\\u2028" "h\\u00e9llo" 6869 68 69 6869    hé|',
  ],
  [
    '%T',
    '{{ printf "%T %T %T %T %T %T %T" 1 1.0 "s" true nil (list) (dict) }}',
    {},
    'int float64 string bool <nil> []interface {} map[string]interface {}',
  ],
  [
    'width and precision with %v',
    '{{ printf "%v|%6.2v|%-8v|" .Input.l 3.14159 "ab" }}',
    { l: [1.5, 'x'] },
    '[1.5 x]|   3.1|ab      |',
  ],
  [
    'stray percent signs',
    '{{ printf "%!" }}|{{ printf "%" }}|{{ printf "%d%%" 50 }}',
    {},
    '%!!(MISSING)|%!(NOVERB)|50%',
  ],
  [
    'zero padding and hex',
    '{{ printf "%05d|%x|%X|%o|%b|%c|%q|%U" 42 255 255 8 5 65 65 65 }}',
    {},
    "00042|ff|FF|10|101|A|'A'|U+0041",
  ],
  [
    'bytes from string indexing',
    '{{ printf "%d" (index "é" 0) }} {{ index "é" 0 }} {{ printf "%v %s %q %x" (index "abc" 1) (index "abc" 1) (index "abc" 1) (index "abc" 1) }}',
    {},
    "195 195 98 %!s(uint8=98) 'b' 62",
  ],
  [
    'nil and mismatched operands',
    '{{ printf "%s" 1.5 }} {{ printf "%d" 1.5 }} {{ printf "%t" "x" }} {{ printf "%s" nil }} {{ printf "%d" nil }}',
    {},
    '%!s(float64=1.5) %!d(float64=1.5) %!t(string=x) %!s(<nil>) %!d(<nil>)',
  ],
  [
    'float widths and signs',
    '{{ printf "%6.2f|%-6.1f|%+.1e|%x|%X" 3.14159 2.5 12345.678 "hé" "hi" }}',
    {},
    '  3.14|2.5   |+1.2e+04|68c3a9|6869',
  ],
  [
    'string widths count runes',
    '{{ printf "%10s|%-10s|%.2s|%q" "héllo" "x" "héllo" "\\u00e9\\u0000" }}',
    {},
    '     héllo|x         |hé|"é\\x00"',
  ],
  [
    'nested maps and lists',
    '{{ printf "%v %v" (dict "b" (list 1 (dict "c" nil)) "a" "x") (list (list)) }}',
    {},
    'map[a:x b:[1 map[c:<nil>]]] [[]]',
  ],
  ['quote flags', '{{ printf "%+q %#q %#q" "é" "a`b" "ab" }}', {}, '"\\u00e9" "a`b" `ab`'],
  [
    'time values print with String()',
    '{{ printf "%s %v" (toDate "2006-01-02" "2024-01-01") (toDate "2006-01-02" "2024-01-01") }}',
    {},
    '2024-01-01 00:00:00 +0000 UTC 2024-01-01 00:00:00 +0000 UTC',
  ],
  [
    'missing and null operands become nil',
    '{{ printf "%v" .Input.missing }} {{ printf "%s" .Input.a }} {{ printf "%v" (.Input.a) }}',
    { a: null },
    '<nil> %!s(<nil>) <nil>',
  ],
  [
    'JSON numbers with %d are bad verbs; convert with int',
    '{{ printf "%d" .Input.n }} {{ printf "%d" (int .Input.n) }} {{ printf "%.1f" .Input.n }}',
    { n: 42 },
    '%!d(float64=42) 42 42.0',
  ],
];

for (const [name, tpl, input, want] of CASES) {
  test(name, () => assert.equal(render(tpl, input), want));
}
