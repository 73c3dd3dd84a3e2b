import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileGoRegexp,
  GoRegexpSyntaxError,
} from '../../../../src/lang/goregexp/index.js';
import { GO_REGEXP_FACTS } from './go-regexp-facts.js';

for (const [subject, pattern, expected] of GO_REGEXP_FACTS) {
  test(`Go regexp ${JSON.stringify(pattern)} on ${JSON.stringify(subject)}`, () => {
    if (typeof expected === 'boolean') {
      assert.equal(compileGoRegexp(pattern).test(subject), expected);
    } else {
      assert.throws(
        () => compileGoRegexp(pattern),
        (e: unknown) => e instanceof GoRegexpSyntaxError && e.message.startsWith(expected.error),
      );
    }
  });
}

test('(?U) swaps greedy and lazy repetition', () => {
  const m = compileGoRegexp('(?U)<.+>').findString('<a><b>');
  assert.equal(m, '<a>');
  assert.equal(compileGoRegexp('(?U)<.+?>').findString('<a><b>'), '<a><b>');
});

test('quantified assertions are accepted as in Go', () => {
  assert.equal(compileGoRegexp('^*x').test('x'), true);
  assert.equal(compileGoRegexp('x\\b+').test('x'), true);
});
