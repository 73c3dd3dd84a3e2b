// Argo's pkg/shared/expr tests (TestExpand, TestEvalBool, TestRemoveConflictingKeys) and the
// EventSource filterEvent behaviour, re-expressed against argoEventSourceEnv / the evaluator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  argoEventSourceEnv,
  compileExprLang,
  evalArgoEventSourceFilter,
  ExprLangError,
} from '../../../../src/lang/exprlang/index.js';

const helpers = ['asInt', 'asFloat', 'toJson'];
const withoutHelpers = (env: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(env).filter(([k]) => !helpers.includes(k)));

test('Argo TestExpand: dotted keys nest, a less specific key loses to a more specific one', () => {
  const before = { 'a.b': 1, 'a.c.d': 2, a: 3, ab: 4, abb: 5 };
  assert.deepEqual(withoutHelpers(argoEventSourceEnv(before)), { a: { b: 1, c: { d: 2 } }, ab: 4, abb: 5 });
  assert.equal(Object.keys(before).length, 5, 'the payload is not modified');
});

test('Argo TestRemoveConflictingKeys', () => {
  assert.deepEqual(withoutHelpers(argoEventSourceEnv({ 'a.b': 1, a: 2 })), { a: { b: 1 } });
  assert.deepEqual(withoutHelpers(argoEventSourceEnv({ a: 1, b: 2, 'c.d': 3 })), { a: 1, b: 2, c: { d: 3 } });
});

const employee = {
  id: 1,
  first_name: 'John',
  last_name: 'Doe',
  email: 'johndoe@intuit.com',
  gender: 'Male',
  dept: 'devp',
  uuid: 'test-case-hyphen',
};

test('Argo TestEvalBool', () => {
  assert.equal(evalArgoEventSourceFilter("(id == 1) && (last_name == 'Doe')", employee), true);
  assert.equal(evalArgoEventSourceFilter("(id == 2) || (gender == 'Female')", employee), false);
  assert.throws(
    () => evalArgoEventSourceFilter('invalidexpression', employee),
    (e: unknown) =>
      e instanceof ExprLangError && /unable to cast expression result '<nil>' to bool/.test(e.message),
  );
  assert.equal(evalArgoEventSourceFilter("(uuid == 'test-case-hyphen')", employee), true);
});

test("payload keys with '-' are reachable with '_' (filterEvent renames them)", () => {
  const payload = JSON.parse('{"x-github-event": "push", "body": {"ref-name": "main"}}') as Record<
    string,
    unknown
  >;
  assert.equal(evalArgoEventSourceFilter('x_github_event == "push"', payload), true);
  // Only top-level keys are renamed.
  assert.equal(evalArgoEventSourceFilter('body["ref-name"] == "main"', payload), true);
});

test('asInt, asFloat and toJson helpers', () => {
  const payload = { count: 5, ratio: '0.25', obj: { b: [1, 'x'], a: '<&>' } };
  assert.equal(evalArgoEventSourceFilter('asInt(count) % 2 == 1', payload), true);
  assert.equal(evalArgoEventSourceFilter('asFloat(ratio) < 0.5', payload), true);
  // Go's json.Marshal: sorted keys, HTML characters escaped.
  assert.equal(
    compileExprLang('toJson(obj)').evaluate(argoEventSourceEnv(payload)),
    '{"a":"\\u003c\\u0026\\u003e","b":[1,"x"]}',
  );
  // A JSON number is a float64, and % takes ints only: Argo fails here too.
  assert.throws(
    () => evalArgoEventSourceFilter('count % 2 == 1', payload),
    /invalid operation: float64 % int/,
  );
});

test('extra entries (e.g. a sprig map) are callable as members', () => {
  const sprig = { upper: (s: unknown) => String(s).toUpperCase(), add: (a: number, b: number) => a + b };
  assert.equal(evalArgoEventSourceFilter('sprig.upper(name) == "BOB"', { name: 'bob' }, { sprig }), true);
  // Go ints reach JS functions as numbers.
  assert.equal(evalArgoEventSourceFilter('sprig.add(1, 2) == 3', {}, { sprig }), true);
});

test('a missing field is nil, not an error, until it is used as something', () => {
  assert.equal(evalArgoEventSourceFilter('body.missing == nil', { body: {} }), true);
  assert.equal(evalArgoEventSourceFilter('body?.a?.b == nil', {}), true);
  assert.throws(
    () => evalArgoEventSourceFilter('body.a.b == nil', { body: {} }),
    /cannot fetch b from <nil>/,
  );
});

test('the env helpers are ordinary values of the compiled program', () => {
  const env = argoEventSourceEnv({ n: 7 });
  assert.equal(compileExprLang('asInt(n) + 1').evaluate(env), 8);
  assert.equal(compileExprLang('type(asInt(n))').evaluate(env), 'int');
});
