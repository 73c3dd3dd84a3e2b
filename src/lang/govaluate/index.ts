// govaluate (github.com/Knetic/govaluate), the language of a Sensor's `filters.exprs[].expr`.
// Argo evaluates it with no functions, over parameters named by `fields[].name` whose values are
// gjson's Result.Value(): float64 numbers, strings, bools, nil, []interface{} and maps.

import { compileTree, type Evaluator, type Params } from './evaluator.js';
import { tokenize, type GovaluateFunction } from './lexer.js';
import { parseTokens } from './parser.js';
import { checkBalance, checkSyntax, precompilePatterns } from './syntax-check.js';

export { GovaluateError } from './errors.js';
export interface GovaluateExpression {
  /** Variable names as govaluate's Vars() lists them: in order, repeats included. */
  vars(): string[];
  /**
   * Evaluates against named parameters. Numbers are float64 (bigints are converted), null and
   * undefined are nil. Throws GovaluateError for a missing parameter or a type error.
   */
  evaluate(params: Record<string, unknown>): unknown;
}

const CACHE_LIMIT = 500;
const cache = new Map<string, GovaluateExpression>();
const NO_FUNCTIONS: Readonly<Record<string, GovaluateFunction>> = Object.freeze({});

/**
 * Parses once; the result can be evaluated many times. Cached by source when no functions are
 * given. Throws GovaluateError for syntax errors (and invalid regex literals after =~ / !~).
 */
export function compileGovaluate(
  src: string,
  functions?: Record<string, (...args: unknown[]) => unknown>,
): GovaluateExpression {
  if (functions !== undefined) return build(src, functions);
  const hit = cache.get(src);
  if (hit) return hit;
  const compiled = build(src, NO_FUNCTIONS);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(src, compiled);
  return compiled;
}

function build(src: string, functions: Readonly<Record<string, GovaluateFunction>>): GovaluateExpression {
  const tokens = tokenize(src, functions);
  checkBalance(tokens, src);
  checkSyntax(tokens, src);
  precompilePatterns(tokens, src);
  const evaluator: Evaluator = compileTree(parseTokens(tokens, src), src);
  const names = tokens.filter((t) => t.kind === 'VARIABLE').map((t) => t.value as string);
  return {
    vars: () => [...names],
    evaluate: (params: Params) => evaluator(params ?? {}),
  };
}
