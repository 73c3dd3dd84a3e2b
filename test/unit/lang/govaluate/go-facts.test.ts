import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGovaluate, GovaluateError } from '../../../../src/lang/govaluate/index.js';
import { formatGoValue } from '../../../../src/lang/go/format-value.js';
import { GOVALUATE_FACTS } from './govaluate-go-facts.js';

// Every recorded fact must hold: same value, or an error carrying govaluate's message.
for (const fact of GOVALUATE_FACTS) {
  test(`govaluate fact: ${JSON.stringify(fact.expr)} ${fact.params ? JSON.stringify(fact.params) : ''}`, () => {
    const run = (): unknown => compileGovaluate(fact.expr).evaluate(fact.params ?? {});
    if (fact.error !== undefined) {
      assert.throws(run, (e: unknown) => {
        assert.ok(e instanceof GovaluateError, `expected GovaluateError, got ${String(e)}`);
        assert.ok(
          e.message.includes(fact.error!),
          `message ${JSON.stringify(e.message)} lacks ${JSON.stringify(fact.error)}`,
        );
        return true;
      });
    } else if (fact.goString !== undefined) {
      assert.equal(formatGoValue(run()), fact.goString);
    } else {
      assert.deepEqual(run(), fact.value);
    }
  });
}
