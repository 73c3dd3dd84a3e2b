// sprig regex functions with Go RE2 semantics translated to JS.
// Expected values are what Go's text/template with sprig v3.3.0 (as linked into Argo Events)
// produced for the same template and input; rows are [name, template, .Input, expected].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './helpers.js';

const CASES: Array<[string, string, unknown, string]> = [
  [
    'match, find, findAll',
    '{{ regexMatch "^[a-z]+$" "abc" }} {{ regexMatch "(" "x" }} {{ regexFind "a.c" "xxabcxx" }} {{ regexFindAll "a." "aXaYaZ" -1 }} {{ regexFindAll "a." "aXaYaZ" 2 }} {{ regexFindAll "z" "abc" -1 }}',
    {},
    'true false abc [aX aY aZ] [aX aY] []',
  ],
  [
    'replace with $-expansion',
    '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }} {{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }} {{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }} {{ regexReplaceAll "(?P<first>\\\\w+) (?P<last>\\\\w+)" "John Smith" "$last, $first" }}',
    {},
    '-W-xxW- --- -${1}-${1}- Smith, John',
  ],
  ['expansion edge cases', '{{ regexReplaceAll "(a)" "a" "$2|$$|$x|${1}x|$1x|${" }}', {}, '|$||ax||${'],
  [
    'split',
    '{{ regexSplit "z+" "pizza" -1 }} {{ regexSplit "z+" "pizza" 1 }} {{ regexSplit "" "abc" -1 }} {{ regexSplit "a" "" -1 }} {{ regexSplit "x*" "axbxc" -1 }}',
    {},
    '[pi a] [pizza] [a b c] [] [a b c]',
  ],
  [
    'empty matches follow Go rules',
    '{{ regexFindAll "a*" "baaac" -1 }} {{ regexReplaceAll "a*" "baaac" "-" }} {{ regexReplaceAll "x*" "abc" "-" }} {{ regexFindAll "" "héllo" -1 }}',
    {},
    '[ aaa ] -b-c- -a-b-c- [     ]',
  ],
  [
    'flags and classes',
    '{{ regexFind "(?i)HELLO" "say hello" }} {{ regexMatch "(?i:ab)c" "ABc" }} {{ regexMatch "(?i:ab)c" "ABC" }} {{ regexMatch "^a.c$" "a\\nc" }} {{ regexMatch "(?s)^a.c$" "a\\nc" }} {{ regexFindAll "(?m)^\\\\w" "ab\\ncd" -1 }} {{ regexMatch "\\\\s" "\\u00a0" }} {{ regexMatch "^\\\\pL+$" "héllo" }} {{ regexMatch "^[[:alpha:]]+$" "abc" }}',
    {},
    'hello true false false true [a c] false true true',
  ],
  [
    'repetition, quoting, escapes',
    '{{ regexFind "a+?" "aaa" }} {{ regexFind "(?U)a+" "aaa" }} {{ regexFind "a{2,}" "aaaa" }} {{ regexFind "a{,2}" "a{,2}" }} {{ regexFind "\\\\Qa.b\\\\E" "xa.by" }} {{ regexFind "\\\\x41\\\\x{42}" "AB" }} {{ regexQuoteMeta "a.b*c" }} {{ regexFind "[^\\\\d\\\\s]+" "12 ab 3" }}',
    {},
    'a a aaaa a{,2} a.b AB a\\.b\\*c ab',
  ],
  [
    'named groups and unicode classes',
    '{{ regexFind "(?<name>a)" "a" }} {{ regexReplaceAll "(?<n>a)" "a" "[$n]" }} {{ regexFind "^\\\\p{Greek}+" "αβγ" }} {{ regexFind "[\\\\p{Lu}]+" "abCDe" }}',
    {},
    'a [a] αβγ CD',
  ],
  [
    'character class edge cases',
    '{{ regexFindAll "[]a]+" "a]b]]a" -1 }} {{ regexFindAll "[^]a]+" "a]b]]ac" -1 }} {{ regexFindAll "[a-]+" "a-b" -1 }} {{ regexFindAll "[-a]+" "-a-" -1 }}',
    {},
    '[a] ]]a] [b c] [a-] [-a-]',
  ],
  [
    'word boundaries, case folding and unicode classes',
    '{{ regexFindAll "\\\\bfoo\\\\b" "foo foobar foo" -1 }} {{ regexFindAll "(?i)[a-c]+" "xAbCx" -1 }} {{ regexFindAll "(?i:[a-c])+" "xAbCx" -1 }} {{ regexFindAll "\\\\pN+" "a12b³" -1 }} {{ regexFindAll "\\\\PL+" "ab12cd" -1 }} {{ regexFind "(?i)k" "\\u212a" }} {{ regexFind "(?i)a(?-i)b" "AB Ab" }}',
    {},
    '[foo foo] [AbC] [AbC] [12 ³] [12] K Ab',
  ],
  [
    'anchors and multi-line mode',
    '{{ regexMatch "a$" "a\\n" }} {{ regexMatch "(?m)a$" "a\\n" }} {{ regexMatch "\\\\Aa\\\\z" "a" }} {{ regexFindAll "(?m)^.+$" "ab\\ncd\\n" -1 }} {{ regexFindAll "." "😀a" -1 }}',
    {},
    'false true true [ab cd] [😀 a]',
  ],
  [
    'replacement escaping and slashes',
    '{{ regexReplaceAll "[.]" "a.b" "/" }} {{ regexReplaceAll "\\\\." "a.b" "\\\\" }} {{ regexReplaceAll "/" "a/b" "-" }} {{ regexReplaceAll "\\\\/" "a/b" "-" }}',
    {},
    'a/b a\\b a-b a-b',
  ],
  [
    'a slug built with regexReplaceAll',
    '{{ regexReplaceAll "[^a-z0-9-]" (lower .Input.name) "-" | trunc 63 | trimSuffix "-" }}',
    { name: 'My Repo_Name!' },
    'my-repo-name',
  ],
  [
    'dot does not match newline, \\s is ASCII only',
    '{{ regexFindAll "." "a\\nb" -1 }} {{ regexMatch "^\\\\s$" "\\u2028" }}',
    {},
    '[a b] false',
  ],
];

for (const [name, tpl, input, want] of CASES) {
  test(name, () => assert.equal(render(tpl, input), want));
}

/** Go's exact error text: [name, template, .Input, error]. */
const ERRORS: Array<[string, string, unknown, string]> = [
  [
    'error: lookbehind is reported as a bad named group, like Go',
    '{{ regexFind "(?<!a)b" "b" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "(?<!a)b" "b">: error calling regexFind: regexp: Compile(`(?<!a)b`): error parsing regexp: invalid named capture: `(?<!a)b`',
  ],
  [
    'error: possessive quantifier',
    '{{ regexFind "a++" "a" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "a++" "a">: error calling regexFind: regexp: Compile(`a++`): error parsing regexp: invalid nested repetition operator: `++`',
  ],
  [
    'error: lookahead is not RE2',
    '{{ regexFind "(?=a)" "a" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "(?=a)" "a">: error calling regexFind: regexp: Compile(`(?=a)`): error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
  ],
  [
    'error: backreference is not RE2',
    '{{ regexFind "(a)\\\\1" "aa" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "(a)\\\\1" "aa">: error calling regexFind: regexp: Compile(`(a)\\1`): error parsing regexp: invalid escape sequence: `\\1`',
  ],
  [
    'error: nested repetition',
    '{{ regexFind "a**" "aa" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "a**" "aa">: error calling regexFind: regexp: Compile(`a**`): error parsing regexp: invalid nested repetition operator: `**`',
  ],
  [
    'error: missing repetition argument',
    '{{ regexFind "*a" "aa" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "*a" "aa">: error calling regexFind: regexp: Compile(`*a`): error parsing regexp: missing argument to repetition operator: `*`',
  ],
  [
    'error: bad class range',
    '{{ regexFind "[z-a]" "aa" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "[z-a]" "aa">: error calling regexFind: regexp: Compile(`[z-a]`): error parsing regexp: invalid character class range: `z-a`',
  ],
  [
    'error: repeat count too large',
    '{{ regexFind "a{1001}" "aa" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "a{1001}" "aa">: error calling regexFind: regexp: Compile(`a{1001}`): error parsing regexp: invalid repeat count: `{1001}`',
  ],
  [
    'error: unexpected paren',
    '{{ regexFind "abc)" "aa" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "abc)" "aa">: error calling regexFind: regexp: Compile(`abc)`): error parsing regexp: unexpected ): `abc)`',
  ],
  [
    'error: missing bracket',
    '{{ regexFind "[abc" "aa" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "[abc" "aa">: error calling regexFind: regexp: Compile(`[abc`): error parsing regexp: missing closing ]: `[abc`',
  ],
  [
    'error: trailing backslash',
    '{{ regexFind "\\\\" "aa" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "\\\\" "aa">: error calling regexFind: regexp: Compile(`\\`): error parsing regexp: trailing backslash at end of expression: ``',
  ],
  [
    'error: unknown unicode class',
    '{{ regexFind "\\\\p{Foo}" "aa" }}',
    {},
    'template: param:1:3: executing "param" at <regexFind "\\\\p{Foo}" "aa">: error calling regexFind: regexp: Compile(`\\p{Foo}`): error parsing regexp: invalid character class range: `\\p{Foo}`',
  ],
  [
    'error: must variant returns the compile error',
    '{{ mustRegexFind "(" "aa" }}',
    {},
    'template: param:1:3: executing "param" at <mustRegexFind "(" "aa">: error calling mustRegexFind: error parsing regexp: missing closing ): `(`',
  ],
];

for (const [name, tpl, input, want] of ERRORS) {
  test(name, () => assert.equal(renderError(tpl, input).goMessage, want));
}
