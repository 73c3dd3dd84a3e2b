// Turns the tree into nested closures, so evaluation is plain function calls with no parsing.
// Each operator reproduces govaluate's evaluation order and type checks: the left side is
// evaluated first; &&, ||, ?, :, ?? short-circuit; the type checks run after both sides are
// known, and their messages are govaluate's.

import { GovaluateError } from './errors.js';
import { int64Not, int64Op, uint64Shift } from './go-integers.js';
import { compileGoRegexp, GoRegexpSyntaxError, type GoRegexp } from '../goregexp/index.js';
import { compareGoStrings } from '../go/compare-strings.js';
import { formatGoValue } from '../go/format-value.js';
import { goPow } from '../go/math.js';
import type { GNode } from './parser.js';
import { isPatternLiteral } from './syntax-check.js';
import { deepEqual, interfaceEqual, isNil, show, UncomparableError } from './values.js';

export type Params = Readonly<Record<string, unknown>>;
export type Evaluator = (p: Params) => unknown;

const NOT_NUMBER = 'it is not a number';

export function compileTree(node: GNode | null, src: string): Evaluator {
  return new Compiler(src).node(node);
}

class Compiler {
  constructor(private readonly src: string) {}

  private error(detail: string, pos: number, cause?: unknown): GovaluateError {
    return new GovaluateError(detail, pos, this.src, cause === undefined ? undefined : { cause });
  }

  node(n: GNode | null): Evaluator {
    if (n === null) return () => null;
    switch (n.t) {
      case 'literal': {
        const value = n.value;
        return () => value;
      }
      case 'group':
        return this.node(n.inner);
      case 'param':
        return this.param(n.name, n.pos);
      case 'accessor':
        return this.accessor(n.path, n.args, n.pos);
      case 'call':
        return this.call(n.fn, n.name, n.arg, n.pos);
      case 'prefix':
        return this.prefix(n.op, this.node(n.operand), n.pos);
      case 'binary':
        return this.binary(n.op, this.node(n.left), this.node(n.right), n.pos);
    }
  }

  private param(name: string, pos: number): Evaluator {
    const missing = (): never => {
      throw this.error(`No parameter '${name}' found.`, pos);
    };
    // Names that exist on Object.prototype (toString, constructor...) must not resolve through it.
    const inherited = name in Object.prototype;
    return (p) => {
      const v = p[name];
      if (v === undefined || inherited) {
        if (!Object.hasOwn(p, name)) return missing();
        if (v === undefined) return null;
      }
      // Go converts every integer type to float64 before use.
      return typeof v === 'bigint' ? Number(v) : v;
    };
  }

  private accessor(path: string[], args: GNode | null, pos: number): Evaluator {
    const evalArgs = args === null ? null : this.node(args);
    const lookup = this.param(path[0]!, pos);
    const field = path[1]!;
    const owner = path[0]!;
    return (p) => {
      if (evalArgs) evalArgs(p);
      lookup(p);
      // Accessors reach Go struct fields and methods; parameters built from JSON are never structs.
      throw this.error(`Unable to access '${field}', '${owner}' is not a struct`, pos);
    };
  }

  private call(fn: (...args: unknown[]) => unknown, name: string, arg: GNode | null, pos: number): Evaluator {
    const evalArg = this.node(arg);
    return (p) => {
      const a = evalArg(p);
      try {
        // A list argument (from `f(a, b)` or an array parameter) is spread, nil means no arguments.
        if (isNil(a)) return fn();
        if (Array.isArray(a)) return fn(...a);
        return fn(a);
      } catch (e) {
        if (e instanceof GovaluateError) throw e;
        const detail = e instanceof Error ? e.message : String(e);
        throw this.error(`Function '${name}' failed: ${detail}`, pos, e);
      }
    };
  }

  private prefix(op: string, operand: Evaluator, pos: number): Evaluator {
    const bad = (v: unknown): never => {
      throw this.error(`Value '${show(v)}' cannot be used with the prefix '${op}'`, pos);
    };
    switch (op) {
      case '-':
        return (p) => {
          const v = operand(p);
          return typeof v === 'number' ? -v : bad(v);
        };
      case '!':
        return (p) => {
          const v = operand(p);
          return typeof v === 'boolean' ? !v : bad(v);
        };
      default:
        return (p) => {
          const v = operand(p);
          return typeof v === 'number' ? int64Not(v) : bad(v);
        };
    }
  }

  private binary(op: string, left: Evaluator, right: Evaluator, pos: number): Evaluator {
    const fail = (v: unknown, kind: string, reason: string): never => {
      throw this.error(`Value '${show(v)}' cannot be used with the ${kind} '${op}', ${reason}`, pos);
    };
    const notBool = (v: unknown, kind: string): never => fail(v, kind, 'it is not a bool');
    const numeric =
      (f: (l: number, r: number) => number): Evaluator =>
      (p) => {
        const l = left(p);
        const r = right(p);
        if (typeof l !== 'number') return fail(l, 'modifier', NOT_NUMBER);
        if (typeof r !== 'number') return fail(r, 'modifier', NOT_NUMBER);
        return f(l, r);
      };
    const ordering =
      (test: (c: number) => boolean): Evaluator =>
      (p) => {
        const l = left(p);
        const r = right(p);
        if (typeof l === 'number' && typeof r === 'number')
          return test(l < r ? -1 : l > r ? 1 : l === r ? 0 : NaN);
        if (typeof l === 'string' && typeof r === 'string') return test(compareGoStrings(l, r));
        return fail(l, 'comparator', NOT_NUMBER);
      };

    switch (op) {
      case ',':
        return (p) => {
          const l = left(p);
          const r = right(p);
          return Array.isArray(l) ? [...(l as unknown[]), r] : [l, r];
        };
      case '&&':
        return (p) => {
          const l = left(p);
          if (l === false) return false;
          const r = right(p);
          if (typeof l !== 'boolean') return notBool(l, 'logical operator');
          if (typeof r !== 'boolean') return notBool(r, 'logical operator');
          return l && r;
        };
      case '||':
        return (p) => {
          const l = left(p);
          if (l === true) return true;
          const r = right(p);
          if (typeof l !== 'boolean') return notBool(l, 'logical operator');
          if (typeof r !== 'boolean') return notBool(r, 'logical operator');
          return l || r;
        };
      case '?':
        // `c ? x` is x when c is true and nil otherwise; `: y` then replaces a nil.
        return (p) => {
          const l = left(p);
          if (l === false) return null;
          const r = right(p);
          if (typeof l !== 'boolean') return notBool(l, 'ternary operator');
          return r;
        };
      case ':':
      case '??':
        return (p) => {
          const l = left(p);
          return isNil(l) ? right(p) : l;
        };
      case '==':
        return (p) => deepEqual(left(p), right(p));
      case '!=':
        return (p) => !deepEqual(left(p), right(p));
      case '>':
        return ordering((c) => c > 0);
      case '>=':
        return ordering((c) => c >= 0);
      case '<':
        return ordering((c) => c < 0);
      case '<=':
        return ordering((c) => c <= 0);
      case '=~':
        return this.regexMatch(left, right, pos, false);
      case '!~':
        return this.regexMatch(left, right, pos, true);
      case 'in':
        return (p) => {
          const l = left(p);
          const r = right(p);
          if (!Array.isArray(r)) return fail(r, 'comparator', NOT_NUMBER);
          try {
            for (const item of r) if (interfaceEqual(l, item)) return true;
          } catch (e) {
            if (e instanceof UncomparableError) throw this.error(e.message, pos, e);
            throw e;
          }
          return false;
        };
      case '+':
        return (p) => {
          const l = left(p);
          const r = right(p);
          if (typeof l === 'number' && typeof r === 'number') return l + r;
          if (typeof l === 'string' || typeof r === 'string') return show(l) + show(r);
          return fail(l, 'modifier', NOT_NUMBER);
        };
      case '-':
        return numeric((l, r) => l - r);
      case '*':
        return numeric((l, r) => l * r);
      case '/':
        return numeric((l, r) => l / r);
      case '%':
        // JS % is C fmod, which is what Go's math.Mod computes.
        return numeric((l, r) => l % r);
      case '**':
        return numeric(goPow);
      case '&':
      case '|':
      case '^':
        return numeric((l, r) => int64Op(op, l, r));
      case '<<':
      case '>>':
        return numeric((l, r) => uint64Shift(op, l, r));
      default:
        throw this.error(`unknown operator '${op}'`, pos);
    }
  }

  private regexMatch(left: Evaluator, right: Evaluator, pos: number, negate: boolean): Evaluator {
    const op = negate ? '!~' : '=~';
    // A pattern held in a parameter is compiled when seen; keep the last one for repeated use.
    let lastSource: string | undefined;
    let lastRegex: GoRegexp | undefined;
    return (p) => {
      const l = left(p);
      const r = right(p);
      if (typeof l !== 'string') {
        throw this.error(`Value '${show(l)}' cannot be used with the comparator '${op}', ${NOT_NUMBER}`, pos);
      }
      let regex: GoRegexp;
      if (isPatternLiteral(r)) {
        regex = r.regex;
      } else if (typeof r === 'string') {
        if (r !== lastSource || !lastRegex) {
          try {
            lastRegex = compileGoRegexp(r);
          } catch (e) {
            const detail = e instanceof GoRegexpSyntaxError ? e.message : String(e);
            throw this.error(`Unable to compile regexp pattern '${r}': ${detail}`, pos, e);
          }
          lastSource = r;
        }
        regex = lastRegex;
      } else {
        throw this.error(
          `Value '${formatGoValue(r)}' cannot be used with the comparator '${op}', ${NOT_NUMBER}`,
          pos,
        );
      }
      return regex.test(l) !== negate;
    };
  }
}
