// The merged Go regexp: the regexp.Regexp operations (find, replace with $-expansion, split),
// Go's parse rules where the three former translators disagreed, and facts from Go's own
// regexp/syntax tests (parse_test.go: invalidRegexps, onlyPerl, onlyPOSIX).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileGoRegexp,
  compileGoRegexpObject,
  GoRegexpSyntaxError,
  mustCompileMessage,
  quoteMeta,
} from '../../../../src/lang/goregexp/index.js';

const re = compileGoRegexpObject;

function goError(pattern: string): string {
  try {
    compileGoRegexpObject(pattern);
  } catch (e) {
    assert.ok(e instanceof GoRegexpSyntaxError, `${pattern}: ${String(e)}`);
    return e.message;
  }
  return 'ok';
}

test("Go's invalidRegexps are rejected", () => {
  const invalid = [
    '(',
    ')',
    '(a',
    'a)',
    '(a))',
    '(a|b|',
    'a|b|)',
    '(a|b|))',
    '(a|b',
    'a|b)',
    '(a|b))',
    '[a-z',
    '([a-z)',
    '[a-z)',
    '([a-z]))',
    'x{1001}',
    'x{9876543210}',
    'x{2,1}',
    'x{1,9876543210}',
    '(?P<name>a',
    '(?P<name>',
    '(?P<name',
    '(?P<x y>a)',
    '(?P<>a)',
    '(?<name>a',
    '(?<name>',
    '(?<name',
    '(?<x y>a)',
    '(?<>a)',
    '[a-Z]',
    '(?i)[a-Z]',
    '\\Q\\E*',
    'a{100000}',
    'a{100000,}',
    '((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}){2})',
    '('.repeat(1000) + ')'.repeat(1000),
    '(?:'.repeat(1000) + ')*'.repeat(1000),
    // Perl mode (Go's regexp.Compile) also rejects stacked repetition.
    'a++',
    'a**',
    'a?*',
    'a+*',
    'a{1}*',
    '.{1}{2}.{3}',
  ];
  for (const p of invalid) assert.notEqual(goError(p), 'ok', p);
});

test("Go's onlyPerl patterns compile", () => {
  for (const p of ['[a-b-c]', '\\Qabc\\E', '\\Q*+?{[\\E', '\\Q\\\\E', '\\Q\\\\\\E', '(?:a)', '(?P<name>a)']) {
    assert.equal(goError(p), 'ok', p);
  }
  assert.equal(goError('('.repeat(998) + ')'.repeat(998)), 'ok');
});

test('error fragments follow regexp/syntax', () => {
  const cases: [string, string][] = [
    ['a**?', 'invalid nested repetition operator: `**?`'],
    ['a{2}{3}', 'invalid nested repetition operator: `{2}{3}`'],
    ['(a{100}){20}', 'invalid repeat count: `{20}`'],
    ['\\x{110000}', 'invalid escape sequence: `\\x{110000`'],
    ['\\x{zz}', 'invalid escape sequence: `\\x{z`'],
    ['\\xZ1', 'invalid escape sequence: `\\xZ1`'],
    ['(?i', 'invalid or unsupported Perl syntax: `(?i`'],
    ['(?i-)', 'invalid or unsupported Perl syntax: `(?i-)`'],
    ['(?i=', 'invalid or unsupported Perl syntax: `(?i=`'],
    ['(?<', 'invalid or unsupported Perl syntax: `(?<`'],
    ['[[:a-z:]]', 'invalid character class range: `[:a-z:]`'],
    ['[a-\\d]', 'invalid escape sequence: `\\d`'],
    ['\\Q\\E*', 'missing argument to repetition operator: `*`'],
  ];
  for (const [p, msg] of cases) assert.equal(goError(p), `error parsing regexp: ${msg}`, p);
});

test('what Go accepts and the old translators refused', () => {
  assert.equal(goError('(?)'), 'ok', 'an empty flag group');
  assert.equal(goError('(?P<x>a)(?P<x>b)'), 'ok', 'duplicate group names');
  assert.equal(goError('[\\P{Any}]'), 'ok');
  // After a flag group the previous item can take an operator again: a(?i)* repeats a.
  assert.equal(re('^a(?i)*$').matchString('aaa'), true);
  // {01} is not a repeat count (no leading zeros), so the braces are literal.
  assert.equal(re('^a{01}$').matchString('a{01}'), true);
  assert.equal(re('^a{01}$').matchString('a'), false);
  // \Q...\E is a run of literals: a following * repeats the last one only.
  assert.equal(re('^\\Qab\\E*$').matchString('abbb'), true);
  assert.equal(re('^\\Qab\\E*$').matchString('abab'), false);
});

test('case folding follows Unicode simple folding orbits, also for scoped (?i)', () => {
  assert.equal(re('(?i:k)').matchString('\u212a'), true, 'Kelvin sign');
  assert.equal(re('(?i:s)').matchString('ſ'), true);
  assert.equal(re('x(?i:σ)').matchString('xς'), true);
  assert.equal(re('x(?i:[α-ω])').matchString('xΣ'), true);
  assert.equal(re('(?i:ı)').matchString('I'), false, 'dotless i folds only in Turkish');
  // Go folds \w (adding ſ and K) before negating, so (?i)\W excludes them.
  assert.equal(re('(?i)\\W').matchString('ſ'), false);
  assert.equal(re('(?i:\\W)').matchString('\u212a'), false);
  assert.equal(re('(?i:\\w)').matchString('ſ'), true);
  assert.equal(re('(?i:[[:upper:]])').matchString('a'), true);
  assert.equal(re('[\\S]').matchString('\u00a0'), true, 'Go \\S is the complement of ASCII space');
});

test('find, replace and split keep Go rules for empty matches', () => {
  assert.deepEqual(re('a*').findAllString('baaac', -1), ['', 'aaa', '']);
  assert.deepEqual(re('z').findAllString('abc', -1), null);
  assert.equal(re('a*').replaceAllString('baaac', '-'), '-b-c-');
  assert.deepEqual(re('x*').split('axbxc', -1), ['a', 'b', 'c']);
  assert.deepEqual(re('z+').split('pizza', 1), ['pizza']);
  assert.deepEqual(re('a').split('', -1), ['']);
  assert.deepEqual(re('').split('abc', -1), ['a', 'b', 'c']);
  assert.deepEqual(re('(a)(x)?').findAllSubmatchIndex('bab😀a', -1), [
    [1, 2, 1, 2, -1, -1],
    [5, 6, 5, 6, -1, -1],
  ]);
  assert.deepEqual(re('b*').findAllSubmatchIndex('abc', -1), [
    [0, 0],
    [1, 2],
    [3, 3],
  ]);
});

test('replacement templates expand like Regexp.Expand', () => {
  const r = re('(?P<first>\\w+) (?P<last>\\w+)');
  assert.equal(r.replaceAllString('John Smith', '$last, $first'), 'Smith, John');
  assert.equal(r.replaceAllString('John Smith', '${last}X $1x $$ ${'), 'SmithX  $ ${');
  assert.equal(r.replaceAllLiteralString('John Smith', '$1'), '$1');
  // With duplicate names the first group of that name that took part wins.
  assert.equal(re('(?P<x>a)|(?P<x>b)').replaceAllString('ab', '[$x]'), '[a][b]');
});

test('helpers: QuoteMeta, MustCompile text, and the cached compiled form', () => {
  assert.equal(quoteMeta('a.b*c'), 'a\\.b\\*c');
  try {
    re('a**');
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof GoRegexpSyntaxError);
    assert.equal(
      mustCompileMessage('a**', e),
      'regexp: Compile(`a**`): error parsing regexp: invalid nested repetition operator: `**`',
    );
  }
  try {
    re('`(');
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof GoRegexpSyntaxError);
    // A pattern holding a backquote is shown with strconv.Quote instead.
    assert.equal(
      mustCompileMessage('`(', e),
      'regexp: Compile("`("): error parsing regexp: missing closing ): ``(`',
    );
  }
  const plain = compileGoRegexp('^refs/heads/(main|master)$');
  assert.equal(plain.test('refs/heads/main'), true);
  assert.equal(compileGoRegexp('^refs/heads/(main|master)$'), plain, 'compiled forms are cached');
});
