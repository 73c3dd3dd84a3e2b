// Go's regexp runs in time linear in the input, so users' filters cannot stall on patterns that
// make a backtracking engine explode. These tests assert the answers for such patterns on inputs
// long enough that a backtracking engine would never finish (the old translator took 51 s for
// (x+x+)+y against 29 x); they assert answers, not timings. Also: the places where re2js differs
// from Go and the adapter restores Go's answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGoRegexp, GoRegexpSyntaxError } from '../../../../src/lang/goregexp/index.js';
import { filterData } from '../../../../src/engine/filters/data-filter.js';
import type { DataFilter } from '../../../../src/vocabulary/manifest-types.js';
import { compileGovaluate } from '../../../../src/lang/govaluate/index.js';
import { compileExprLang } from '../../../../src/lang/exprlang/index.js';
import { compileJq } from '../../../../src/lang/jq/index.js';
import { render } from '../gotemplate/helpers.js';
import { NOW, viewOfText } from '../../engine/filters/filter-fixtures.js';

const xs = (n: number): string => 'x'.repeat(n);

test('catastrophic patterns answer on long inputs', () => {
  assert.equal(compileGoRegexp('(x+x+)+y').test(xs(10_000)), false);
  assert.equal(compileGoRegexp('(x+x+)+y').test(xs(10_000) + 'y'), true);
  assert.equal(compileGoRegexp('^(a|a)*$').test('a'.repeat(5_000) + '!'), false);
  assert.equal(compileGoRegexp('(\\w+\\s?)*$').findString('word '.repeat(2_000) + '!'), '');
  assert.equal(compileGoRegexp('(.*a){12}').test('a'.repeat(40)), true);
});

test('a data filter with (x+x+)+y rejects and accepts through the engine filter', () => {
  const filters: DataFilter[] = [{ path: 'k', type: 'string', value: ['(x+x+)+y'] }];
  const reject = filterData(filters, undefined, viewOfText(JSON.stringify({ k: xs(10_000) })), NOW);
  const accept = filterData(filters, undefined, viewOfText(JSON.stringify({ k: xs(10_000) + 'y' })), NOW);
  assert.equal(reject.pass, false);
  assert.equal(reject.error, undefined, 'a plain rejection, not an error');
  assert.equal(accept.pass, true);
});

test('every language that evaluates a Go regexp is linear', () => {
  const long = xs(5_000);
  assert.equal(compileGovaluate("a =~ '(x+x+)+y'").evaluate({ a: long }), false);
  assert.equal(compileGovaluate("a !~ '(x+x+)+y'").evaluate({ a: long }), true);
  assert.equal(compileExprLang('a matches "(x+x+)+y"').evaluate({ a: long }), false);
  assert.equal(compileExprLang('a matches p').evaluate({ a: long + 'y', p: '(x+x+)+y' }), true);
  assert.deepEqual(compileJq('test("(x+x+)+y")').run(long), [false]);
  assert.deepEqual(compileJq('[match("(x+x+)+y"; "g")] | length').run(long + 'y'), [1]);
  assert.equal(render('{{ regexMatch "(x+x+)+y" .Input }}', long), 'false');
  assert.equal(render('{{ regexReplaceAll "(x+x+)+y" .Input "z" }}', long + 'y'), 'z');
});

test('duplicate capture names are accepted as in Go; the first that took part expands', () => {
  const r = compileGoRegexp('(?P<x>a)|(?P<x>b)');
  assert.deepEqual(r.subexpNames, ['', 'x', 'x']);
  assert.equal(r.replaceAllString('ab', '[$x]'), '[a][b]');
  // A name inside a class or after an escape is not a group, and is left alone.
  const c = compileGoRegexp('[(?P<x>]+(?P<x>b)\\(?P<x>(?P<x>c)');
  assert.deepEqual(c.subexpNames, ['', 'x', 'x']);
  assert.equal(c.findString('(?P<x>b(P<x>c'), '(?P<x>b(P<x>c');
});

test('an unfinished (?< or (?P< at the end is a Perl-syntax error, as Go words it', () => {
  for (const [pattern, frag] of [
    ['a(?<', '(?<'],
    ['a(?P<', '(?P'],
  ] as const) {
    assert.throws(
      () => compileGoRegexp(pattern),
      (e: unknown) =>
        e instanceof GoRegexpSyntaxError &&
        e.message === `error parsing regexp: invalid or unsupported Perl syntax: \`${frag}\``,
    );
  }
  // With a name begun, Go reports the named capture.
  assert.throws(() => compileGoRegexp('(?<x'), /invalid named capture: `\(\?<x`/);
});

test('Go edge cases re2js shares: \\z, Unicode classes, case folding, empty matches', () => {
  assert.equal(compileGoRegexp('a\\z').test('a\n'), false);
  assert.equal(compileGoRegexp('a$').test('a\n'), false);
  assert.equal(compileGoRegexp('^\\pL+$').test('héllo'), true);
  assert.equal(compileGoRegexp('^\\p{Greek}+$').test('αβγ'), true);
  assert.equal(compileGoRegexp('(?i)k').test('\u212a'), true, 'Kelvin sign folds to k');
  assert.deepEqual(compileGoRegexp('a*').findAllString('baaac', -1), ['', 'aaa', '']);
  assert.equal(compileGoRegexp('a*').replaceAllString('baaac', '-'), '-b-c-');
  assert.deepEqual(compileGoRegexp('😀|x*').findAllString('😀y', -1), ['😀', '']);
  assert.equal(compileGoRegexp('(a)(b)?').replaceAllString('a', '<$1|$2|${1}x>'), '<a||ax>');
});
