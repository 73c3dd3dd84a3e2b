// The cases of Argo's pkg/sensors/dependencies/filter_expr_test.go, re-expressed. A minimal
// stand-in for Argo's filterExpr wraps the evaluator (plain dotted paths instead of gjson), so
// these check that expressions over Argo-built parameters give Argo's answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGovaluate } from '../../../../src/lang/govaluate/index.js';

interface ExprFilter {
  expr: string;
  fields: { path: string; name: string }[];
}

type Operator = '' | 'and' | 'or';

function lookup(data: unknown, path: string): { found: boolean; value: unknown } {
  let cur: unknown = data;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, key))
      return { found: false, value: undefined };
    cur = (cur as Record<string, unknown>)[key];
  }
  return { found: true, value: cur };
}

/** Argo's filterExpr control flow around govaluate. */
function filterExpr(
  filters: ExprFilter[] | null,
  operator: Operator,
  event: { data?: string } | null,
): [boolean, string] {
  if (filters === null) return [true, ''];
  if (event === null) return [false, 'expr filter error (nil event)'];
  if (event.data === undefined) return [true, ''];
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    return [false, 'expr filter error (event data not valid JSON)'];
  }
  const errors: string[] = [];
  next: for (const f of filters) {
    const params: Record<string, unknown> = {};
    for (const field of f.fields) {
      const r = lookup(data, field.path);
      if (!r.found) {
        const msg = `path '${field.path}' does not exist`;
        if (operator === 'or') {
          errors.push(msg);
          continue next;
        }
        return [false, `expr filter error (${msg})`];
      }
      params[field.name] = r.value;
    }
    if (Object.keys(params).length === 0) continue;
    let result: unknown;
    try {
      result = compileGovaluate(f.expr).evaluate(params);
    } catch (e) {
      if (operator === 'or') {
        errors.push((e as Error).message);
        continue;
      }
      return [false, `expr filter error (${(e as Error).message})`];
    }
    if (result === true) {
      if (operator === 'or') return [true, ''];
    } else if (operator !== 'or') {
      return [false, ''];
    }
  }
  if (operator === 'or')
    return [false, errors.length > 0 ? `expr filter errors [${errors.join(' / ')}]` : ''];
  return [true, ''];
}

const field = (path: string, name = path.split('.').pop()!): { path: string; name: string } => ({
  path,
  name,
});

const cases: {
  name: string;
  event: { data?: string } | null;
  filters: ExprFilter[] | null;
  operator?: Operator;
  result: boolean;
  error?: string;
}[] = [
  {
    name: 'nil event',
    event: null,
    filters: [{ expr: 'a == "b"', fields: [field('a')] }],
    result: false,
    error: 'expr filter error (nil event)',
  },
  {
    name: 'unsupported content type',
    event: { data: 'a' },
    filters: [{ expr: 'a == "b"', fields: [field('a')] }],
    result: false,
    error: 'expr filter error (event data not valid JSON)',
  },
  { name: 'empty data', event: {}, filters: [{ expr: 'a == "b"', fields: [field('a')] }], result: true },
  { name: 'nil filters', event: {}, filters: null, result: true },
  {
    name: 'simple string equal',
    event: { data: '{"a": "b"}' },
    filters: [{ expr: 'a == "b"', fields: [field('a')] }],
    result: true,
  },
  {
    name: 'simple string different than',
    event: { data: '{"a": "c"}' },
    filters: [{ expr: 'a != "b"', fields: [field('a')] }],
    result: true,
  },
  {
    name: 'nested string equal',
    event: { data: '{"a": {"b": "c"}}' },
    filters: [{ expr: 'b == "b"', fields: [field('a.b', 'b')] }],
    result: false,
  },
  {
    name: 'number equal',
    event: { data: '{"a": {"b": 2}}' },
    filters: [{ expr: 'b == 2', fields: [field('a.b')] }],
    result: true,
  },
  {
    name: 'number less than',
    event: { data: '{"a": {"b": 2}}' },
    filters: [{ expr: 'b < 1', fields: [field('a.b')] }],
    result: false,
  },
  {
    name: 'string contains',
    event: { data: '{"a": {"b": "start long string"}}' },
    filters: [{ expr: 'b =~ "start"', fields: [field('a.b')] }],
    result: true,
  },
  {
    name: 'string does not contain',
    event: { data: '{"a": {"b": "long string"}}' },
    filters: [{ expr: 'b !~ "start"', fields: [field('a.b')] }],
    result: true,
  },
  {
    name: 'multiple filters, EMPTY operator',
    event: { data: '{"a": {"b": "x", "d": "y"}}' },
    filters: [
      { expr: 'b == "x"', fields: [field('a.b')] },
      { expr: 'd == "y"', fields: [field('a.d')] },
    ],
    result: true,
  },
  {
    name: 'multiple filters, AND operator',
    event: { data: '{"a": {"b": "x", "d": "y"}}' },
    filters: [
      { expr: 'b == "x"', fields: [field('a.b')] },
      { expr: 'd == "d"', fields: [field('a.d')] },
    ],
    operator: 'and',
    result: false,
  },
  {
    name: 'multiple filters, OR operator',
    event: { data: '{"a": {"b": "x", "d": "y"}}' },
    filters: [
      { expr: 'b == "x"', fields: [field('a.b')] },
      { expr: 'd == "d"', fields: [field('a.d')] },
    ],
    operator: 'or',
    result: true,
  },
  {
    name: 'multiple filters, OR operator, one field not existing',
    event: { data: '{"a": {"b": "x", "d": "y"}}' },
    filters: [
      { expr: 'b == "b"', fields: [field('a.b')] },
      { expr: 'c == "c"', fields: [field('a.c')] },
    ],
    operator: 'or',
    result: false,
    error: "expr filter errors [path 'a.c' does not exist]",
  },
  {
    name: 'OR operator, missing field not reached because an earlier filter passes... after a false one',
    event: { data: '{"a": {"b": "x", "d": {"e": true}}}' },
    filters: [
      { expr: 'b == "x"', fields: [field('a.b')] },
      { expr: 'c == "c"', fields: [field('a.c')] },
      { expr: 'e == true', fields: [field('a.d.e')] },
    ],
    operator: 'or',
    result: true,
  },
  {
    name: 'EMPTY operator, missing field not reached because the first filter is false',
    event: { data: '{"a": {"b": "x", "d": "y"}}' },
    filters: [
      { expr: 'b == "b"', fields: [field('a.b')] },
      { expr: 'c == "c"', fields: [field('a.c')] },
    ],
    result: false,
  },
  {
    name: 'EMPTY operator, one field not existing',
    event: { data: '{"a": {"b": "x", "d": "y"}}' },
    filters: [
      { expr: 'b == "x"', fields: [field('a.b')] },
      { expr: 'c == "c"', fields: [field('a.c')] },
    ],
    result: false,
    error: "expr filter error (path 'a.c' does not exist)",
  },
  {
    name: 'AND operator, one field not existing',
    event: { data: '{"a": {"b": "x", "d": {"e": true}}}' },
    filters: [
      { expr: 'b == "x"', fields: [field('a.b')] },
      { expr: 'c == "c"', fields: [field('a.c')] },
      { expr: 'e == true', fields: [field('a.d.e')] },
    ],
    operator: 'and',
    result: false,
    error: "expr filter error (path 'a.c' does not exist)",
  },
  {
    name: '&& inside expr, one field not existing',
    event: { data: '{"a": {"b": "x", "c": {"d": true}}}' },
    filters: [{ expr: 'b != "b" && d == true', fields: [field('a.b'), field('a.d')] }],
    result: false,
    error: "expr filter error (path 'a.d' does not exist)",
  },
  {
    name: '&& inside expr with OR between filters',
    event: { data: '{"a": {"b": "x", "c": {"d": true}}}' },
    filters: [{ expr: 'b != "b" && d == true', fields: [field('a.b'), field('a.c.d')] }],
    operator: 'or',
    result: true,
  },
  {
    name: '|| inside expr',
    event: { data: '{"a": {"b": "b", "c": {"d": false}}}' },
    filters: [{ expr: 'b == "b" || d == true', fields: [field('a.b'), field('a.c.d')] }],
    result: true,
  },
  {
    // `e` is never given as a parameter: || short-circuits before it is needed.
    name: 'multiple comparators inside expr',
    event: { data: '{"a": {"b": "b", "c": {"d": false}, "e": 2}}' },
    filters: [{ expr: 'b == "b" || (d == true && e == 2)', fields: [field('a.b'), field('a.c.d')] }],
    result: true,
  },
];

for (const c of cases) {
  test(`Argo filter_expr_test: ${c.name}`, () => {
    const [result, error] = filterExpr(c.filters, c.operator ?? '', c.event);
    assert.equal(result, c.result);
    assert.equal(error, c.error ?? '');
  });
}

test('the short-circuit in the last Argo case is what saves it: evaluating e fails', () => {
  const expr = compileGovaluate('b == "b" || (d == true && e == 2)');
  assert.throws(() => expr.evaluate({ b: 'x', d: true }), /No parameter 'e' found\./);
});

test('JSON numbers are float64 parameters: 2 and 2.0 are the same value', () => {
  assert.equal(compileGovaluate('b == 2').evaluate({ b: JSON.parse('2.0') }), true);
  assert.equal(compileGovaluate('b == 2.5').evaluate({ b: 2.5 }), true);
});

test('JSON null is nil: it equals nothing but nil and ?? replaces it', () => {
  assert.equal(compileGovaluate('a == ""').evaluate({ a: null }), false);
  assert.equal(compileGovaluate('(a ?? "dflt") == "dflt"').evaluate({ a: null }), true);
  assert.throws(
    () => compileGovaluate('a > 1').evaluate({ a: null }),
    /Value '<nil>' cannot be used with the comparator '>'/,
  );
});

test('JSON arrays are []interface{}: usable with in, compared deeply with ==', () => {
  const data = JSON.parse('{"tags": ["x", "y"], "n": [1, 2]}') as Record<string, unknown>;
  assert.equal(compileGovaluate('"y" in tags').evaluate(data), true);
  assert.equal(compileGovaluate('2 in n').evaluate(data), true);
  assert.equal(compileGovaluate('tags == "x"').evaluate(data), false);
  assert.equal(compileGovaluate('n == (1, 2)').evaluate(data), true);
  assert.equal(compileGovaluate('n == (1, "2")').evaluate(data), false);
  // A list built from an array parameter extends it, as Go's append does.
  assert.deepEqual(compileGovaluate('(n, 3)').evaluate(data), [1, 2, 3]);
  assert.deepEqual(data['n'], [1, 2]);
});
