// The RE2 → JS translation's building blocks (moved here from the gotemplate tests when the
// translators were merged): group name tables, flag handling and Go-worded errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translateGoRegexp, GoRegexpSyntaxError } from '../../../../src/lang/goregexp/index.js';

test('RE2 named groups become numbered groups with a name table', () => {
  const t = translateGoRegexp('(?P<year>\\d{4})-(?<month>\\d{2})');
  assert.equal(t.numGroups, 2);
  assert.deepEqual(
    [...t.names],
    [
      ['year', 1],
      ['month', 2],
    ],
  );
  assert.ok(!t.source.includes('?<'));
});

test('a leading (?i) becomes the JS flag; scoped (?i:) expands literals', () => {
  assert.equal(translateGoRegexp('(?i)abc').flags, 'iu');
  const scoped = translateGoRegexp('(?i:ab)c');
  assert.equal(scoped.flags, 'u');
  const re = new RegExp(scoped.source, scoped.flags);
  assert.ok(re.test('ABc'));
  assert.ok(!re.test('ABC'));
});

test('RE2 dot and \\s are narrower than JS', () => {
  const dot = translateGoRegexp('^.$');
  assert.ok(new RegExp(dot.source, dot.flags).test('\r'), 'Go . matches \\r');
  const sp = translateGoRegexp('^\\s$');
  assert.ok(!new RegExp(sp.source, sp.flags).test('\u00a0'), 'Go \\s is ASCII only');
});

test('unsupported Perl syntax is a Go-worded error', () => {
  assert.throws(
    () => translateGoRegexp('a(?=b)'),
    (e: unknown) => {
      assert.ok(e instanceof GoRegexpSyntaxError);
      assert.equal(e.message, 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
      return true;
    },
  );
});
