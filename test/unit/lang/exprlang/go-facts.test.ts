import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExprLang, ExprLangError } from '../../../../src/lang/exprlang/index.js';
import { EXPR_FACTS } from './expr-go-facts.js';

// `now()` is refused on purpose (see checker); everything else must agree with Go.
for (const fact of EXPR_FACTS) {
  test(`expr fact: ${JSON.stringify(fact.expr)} ${fact.params ? JSON.stringify(fact.params) : ''}`, () => {
    const run = (): unknown => compileExprLang(fact.expr).evaluate(fact.params ?? {});
    if (fact.error !== undefined) {
      assert.throws(run, (e: unknown) => {
        assert.ok(e instanceof ExprLangError, `expected ExprLangError, got ${String(e)}`);
        assert.ok(
          e.detail.startsWith(fact.error!),
          `detail ${JSON.stringify(e.detail)} does not start with ${JSON.stringify(fact.error)}`,
        );
        return true;
      });
    } else {
      assert.deepEqual(run(), fact.value);
    }
  });
}
