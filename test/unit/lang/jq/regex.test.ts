// Regular expressions: RE2 (Go) syntax and semantics on top of JS RegExp.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileJq } from '../../../../src/lang/jq/index.js';

const jq = (q: string, input: unknown = null): unknown[] => compileJq(q).run(input);
const one = (q: string, input: unknown = null): unknown => jq(q, input)[0];

describe('regex builtins', () => {
  it('test, match, capture, scan, split, splits', () => {
    assert.deepEqual(jq('test("WORLD"; "i"), test("^w")', 'hello world'), [true, false]);
    assert.deepEqual(one('match("(?<x>o)(z)?")', 'foo'), {
      offset: 1,
      length: 1,
      string: 'o',
      captures: [
        { offset: 1, length: 1, string: 'o', name: 'x' },
        { offset: -1, length: 0, string: null, name: null },
      ],
    });
    assert.deepEqual(one('capture("(?<y>\\\\d+)-(?<m>\\\\d+)")', '2024-05'), { y: '2024', m: '05' });
    assert.deepEqual(jq('[scan("l+")], [scan("(a)(n)")]', 'banana all'), [
      ['ll'],
      [
        ['a', 'n'],
        ['a', 'n'],
      ],
    ]);
    assert.deepEqual(jq('split(", *"; null), [splits("a")]', 'a, b,c'), [
      ['a', 'b', 'c'],
      ['', ', b,c'],
    ]);
  });

  it('offsets and lengths count code points', () => {
    assert.deepEqual(one('[match("b"; "g") | .offset]', 'é😀b😀b'), [2, 4]);
    assert.deepEqual(one('sub("😀"; "x")', 'a😀b'), 'axb');
  });

  it('sub and gsub: named captures feed the replacement; several outputs give several results', () => {
    assert.deepEqual(one('gsub("(?<v>[aeiou])"; "<\\(.v)>")', 'banana'), 'b<a>n<a>n<a>');
    assert.deepEqual(jq('sub("(?<a>.)"; "\\(.a)\\(.a)", "[\\(.a)]")', 'xy'), ['xxy', '[x]y']);
    assert.deepEqual(jq('gsub("x"; "y"), sub("^"; ">")', 'abc'), ['abc', '>abc']);
  });

  it('empty matches follow Go: no empty match right after a previous match', () => {
    assert.deepEqual(one('[match("b*"; "g") | .offset]', 'abc'), [0, 1, 3]);
    assert.deepEqual(one('gsub(""; "-")', 'abc'), '-a-b-c-');
    assert.deepEqual(one('gsub("x*"; "-")', 'axb'), '-a-b-');
  });

  it('uses RE2 meanings where JS differs', () => {
    assert.deepEqual(one('test("a.b")', 'a\rb'), true, '. excludes only \\n in Go');
    assert.deepEqual(one('test("a.b")', 'a\nb'), false);
    assert.deepEqual(one('test("a.b"; "m")', 'a\nb'), true, 'gojq maps flag m to (?s)');
    assert.deepEqual(one('test("\\\\s")', '\u00a0'), false, 'Go \\s is ASCII-only');
    assert.deepEqual(one('test("^\\\\pL+$")', 'héllo'), true);
    assert.deepEqual(one('test("^\\\\p{Greek}+$")', 'αβ'), true);
    assert.deepEqual(one('test("[[:alpha:]]+[[:digit:]]")', 'ab1'), true);
    assert.deepEqual(one('test("a{2,}")', 'caab'), true);
    assert.deepEqual(one('test("a{")', 'a{'), true, 'a lone { is a literal in RE2');
    assert.deepEqual(one('test("(?i)HELLO")', 'hello'), true);
    assert.deepEqual(one('test("x\\\\z")', 'x\n'), false);
    assert.deepEqual(one('test("x$")', 'x\n'), false, '$ is end of text without (?m)');
    assert.deepEqual(one('test("(?m)x$")', 'x\ny'), true);
  });

  it('rejects what RE2 rejects, with gojq-style messages', () => {
    assert.throws(() => jq('test("(a)\\\\1")', 'aa'), {
      message: 'invalid regular expression "(a)\\\\1": error parsing regexp: invalid escape sequence: `\\1`',
    });
    assert.throws(() => jq('test("(?=a)")', 'a'), /invalid or unsupported Perl syntax/);
    assert.throws(() => jq('test("(")', 'a'), /missing closing \)/);
    assert.throws(() => jq('test("a"; "x")', 'a'), { message: 'unsupported regular expression flag: "x"' });
    assert.throws(() => jq('test("a")', 1), { message: 'test("a"; null) cannot be applied to: number (1)' });
  });

  it('takes the whole of Go RE2 (the shared translator): inline flags anywhere, (?U), [[:^x:]]', () => {
    assert.deepEqual(jq('test("a(?i)b"), test("a(?i:b)c")', 'aB'), [true, false]);
    assert.deepEqual(one('[match("(?U)a+"; "g") | .string]', 'aaa'), ['a', 'a', 'a']);
    assert.deepEqual(one('[scan("[[:^alpha:]]+")]', 'ab12cd3'), ['12', '3']);
    assert.deepEqual(one('test("(?i:k)")', '\u212a'), true);
  });

  it('quotes the pattern as gojq compiles it, with the (?i)/(?s) flag prefixes', () => {
    assert.throws(() => jq('test("("; "i")', 'a'), {
      message: 'invalid regular expression "(?i)(": error parsing regexp: missing closing ): `(?i)(`',
    });
  });

  it('regex errors are catchable', () => {
    assert.deepEqual(one('try test("(") catch "bad"', 'a'), 'bad');
  });
});
