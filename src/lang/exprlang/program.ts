// Compiling an expr-lang program: parse, type-check, optimise, then closures; cached by source.

import { check } from './checker.js';
import { CHAIN_NIL, compileProgram, type Ctx } from './compiler.js';
import { optimize } from './optimizer.js';
import { parse } from './parser.js';
import { toPlain } from './values.js';

export interface ExprProgram {
  /**
   * Runs against an environment: plain objects are maps, numbers are float64, bigints are Go
   * ints, functions are callable. Go ints in the result come back as JS numbers.
   * Throws ExprLangError when the program fails at run time.
   */
  evaluate(env: Record<string, unknown>): unknown;
}

const CACHE_LIMIT = 500;
const cache = new Map<string, ExprProgram>();

/** Parses, type-checks and compiles once (cached by source). Throws ExprLangError on bad programs. */
export function compileExprLang(src: string): ExprProgram {
  const hit = cache.get(src);
  if (hit) return hit;
  const program = build(src);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(src, program);
  return program;
}

function build(src: string): ExprProgram {
  const tree = parse(src);
  check(tree, src);
  const { run, variableCount } = compileProgram(optimize(tree, src), src);
  return {
    evaluate(env: Record<string, unknown>): unknown {
      const ctx: Ctx = {
        env: env ?? {},
        scopes: [],
        vars: variableCount > 0 ? new Array(variableCount) : [],
        memory: 0,
      };
      const result = run(ctx);
      return toPlain(result === CHAIN_NIL ? null : result);
    },
  };
}
