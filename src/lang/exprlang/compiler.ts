// Turns the checked, optimised tree into nested closures. Evaluation order and failure points
// follow expr's VM: operands left to right, call arguments before the callee, `and`/`or` and `??`
// short-circuit, `and`/`or`/`!`/`?:` demand a bool where the VM asserts one, and the operand
// they pass through unchecked (`x and y` returns y as is, like expr).

import type { Node } from './ast.js';
import { BUILTINS } from './builtins.js';
import { ExprLangError } from './errors.js';
import { utf8Encode } from '../go/utf8.js';
import { compileGoRegexp, GoRegexpSyntaxError, type GoRegexp } from '../goregexp/index.js';
import { formatGoValue } from '../go/format-value.js';
import {
  arithmetic,
  asBool,
  asString,
  compare,
  divide,
  equal,
  fetch,
  goType,
  inCollection,
  isMap,
  isNil,
  length,
  modulo,
  negate,
  power,
  slice,
  toInt,
  type Fail,
} from './values.js';

/** expr's VM memory budget: elements allocated by ranges, arrays, maps and collection builtins. */
const MEMORY_BUDGET = 1_000_000;

interface Scope {
  items: readonly unknown[];
  index: number;
  acc: unknown;
}

export interface Ctx {
  env: Readonly<Record<string, unknown>>;
  scopes: Scope[];
  vars: unknown[];
  memory: number;
}

export type Ev = (ctx: Ctx) => unknown;

/** Marks "a `?.` met nil": propagates up to the enclosing chain node, which turns it into nil. */
export const CHAIN_NIL: unique symbol = Symbol('chain-nil');

export function compileProgram(root: Node, src: string): { run: Ev; variableCount: number } {
  const c = new Compiler(src);
  const run = c.node(root);
  return { run, variableCount: c.variableCount };
}

class Compiler {
  variableCount = 0;
  private readonly variables: { name: string; slot: number }[] = [];

  constructor(private readonly src: string) {}

  private failAt(pos: number): Fail {
    return (message: string): never => {
      throw new ExprLangError(message, this.src, pos);
    };
  }

  node(n: Node): Ev {
    switch (n.k) {
      case 'nil':
        return () => null;
      case 'bool':
      case 'int':
      case 'float':
      case 'string': {
        const value = n.value;
        return () => value;
      }
      case 'stringSet':
        return () => null; // only ever the right side of `in`, compiled there
      case 'ident':
        return this.identifier(n.name);
      case 'unary':
        return this.unary(n.op, this.node(n.node), this.failAt(n.pos));
      case 'binary':
        return this.binary(n);
      case 'chain': {
        const inner = this.node(n.node);
        return (ctx) => {
          const v = inner(ctx);
          return v === CHAIN_NIL ? null : v;
        };
      }
      case 'member':
        return this.member(this.node(n.node), this.node(n.prop), n.optional, this.failAt(n.pos));
      case 'slice':
        return this.slice(n);
      case 'call':
        return this.call(n);
      case 'builtin':
        return this.builtin(n);
      case 'closure':
        return this.node(n.node);
      case 'pointer':
        return this.pointer(n.name, n.pos);
      case 'let': {
        const value = this.node(n.value);
        const slot = this.variableCount++;
        this.variables.push({ name: n.name, slot });
        const body = this.node(n.body);
        this.variables.pop();
        return (ctx) => {
          ctx.vars[slot] = value(ctx);
          return body(ctx);
        };
      }
      case 'cond': {
        const cond = this.node(n.cond);
        const then = this.node(n.then);
        const otherwise = this.node(n.else);
        const fail = this.failAt(n.cond.pos);
        return (ctx) => (asBool(cond(ctx), fail) ? then(ctx) : otherwise(ctx));
      }
      case 'array': {
        const items = n.items.map((i) => this.node(i));
        const fail = this.failAt(n.pos);
        return (ctx) => {
          const out = items.map((f) => f(ctx));
          grow(ctx, out.length, fail);
          return out;
        };
      }
      case 'map': {
        const pairs = n.pairs.map((p) => ({ key: this.node(p.key), value: this.node(p.value) }));
        const fail = this.failAt(n.pos);
        return (ctx) => {
          const out: Record<string, unknown> = {};
          for (const p of pairs) {
            const key = asString(p.key(ctx), fail);
            out[key] = p.value(ctx);
          }
          grow(ctx, pairs.length, fail);
          return out;
        };
      }
    }
  }

  private identifier(name: string): Ev {
    for (let i = this.variables.length - 1; i >= 0; i--) {
      const v = this.variables[i]!;
      if (v.name === name) {
        const slot = v.slot;
        return (ctx) => ctx.vars[slot];
      }
    }
    if (name === '$env') return (ctx) => ctx.env;
    // Names that exist on Object.prototype must not resolve through it.
    const inherited = name in Object.prototype;
    return (ctx) => {
      const env = ctx.env;
      if (inherited && !Object.hasOwn(env, name)) return null;
      const v = env[name];
      return v === undefined ? null : v;
    };
  }

  private unary(op: string, operand: Ev, fail: Fail): Ev {
    if (op === '!' || op === 'not') return (ctx) => !asBool(operand(ctx), fail);
    if (op === '-') return (ctx) => negate(operand(ctx), fail);
    return operand; // unary + leaves the value alone
  }

  private binary(n: Extract<Node, { k: 'binary' }>): Ev {
    const fail = this.failAt(n.pos);
    const left = this.node(n.left);
    if (n.op === 'in' && n.right.k === 'stringSet') {
      const values = n.right.values;
      return (ctx) => {
        const v = left(ctx);
        if (typeof v === 'string') return values.has(v);
        if (isNil(v)) return values.has('');
        return fail(`reflect.Value.MapIndex: value of type ${goType(v)} is not assignable to type string`);
      };
    }
    const right = this.node(n.right);
    switch (n.op) {
      case '==':
        return (ctx) => equal(left(ctx), right(ctx));
      case '!=':
        return (ctx) => !equal(left(ctx), right(ctx));
      case 'or':
      case '||':
        return (ctx) => (asBool(left(ctx), fail) ? true : right(ctx));
      case 'and':
      case '&&':
        return (ctx) => (asBool(left(ctx), fail) ? right(ctx) : false);
      case '<':
        return (ctx) => compare(left(ctx), right(ctx), '<', fail) < 0;
      case '>':
        return (ctx) => compare(left(ctx), right(ctx), '>', fail) > 0;
      case '<=':
        return (ctx) => compare(left(ctx), right(ctx), '<=', fail) <= 0;
      case '>=':
        return (ctx) => compare(left(ctx), right(ctx), '>=', fail) >= 0;
      case '+':
      case '-':
      case '*': {
        const op = n.op;
        return (ctx) => arithmetic(op, left(ctx), right(ctx), fail);
      }
      case '/':
        return (ctx) => divide(left(ctx), right(ctx), fail);
      case '%':
        return (ctx) => modulo(left(ctx), right(ctx), fail);
      case '**':
      case '^':
        return (ctx) => power(left(ctx), right(ctx), fail);
      case 'in':
        return (ctx) => inCollection(left(ctx), right(ctx), fail);
      case 'matches':
        return this.matches(left, right, n.regex, fail);
      case 'contains':
        return (ctx) => {
          const a = left(ctx);
          const b = right(ctx);
          return asString(a, fail).includes(asString(b, fail));
        };
      case 'startsWith':
        return (ctx) => {
          const a = left(ctx);
          const b = right(ctx);
          return asString(a, fail).startsWith(asString(b, fail));
        };
      case 'endsWith':
        return (ctx) => {
          const a = left(ctx);
          const b = right(ctx);
          return asString(a, fail).endsWith(asString(b, fail));
        };
      case '..':
        return (ctx) => {
          const from = toInt(left(ctx), fail);
          const to = toInt(right(ctx), fail);
          const size = BigInt.asIntN(64, to - from + 1n); // Go's int arithmetic wraps here
          if (size <= 0n) return [];
          if (size + BigInt(ctx.memory) >= BigInt(MEMORY_BUDGET)) return fail('memory budget exceeded');
          grow(ctx, Number(size), fail);
          const out: bigint[] = [];
          for (let i = 0n; i < size; i++) out.push(from + i);
          return out;
        };
      case '??':
        return (ctx) => {
          const v = left(ctx);
          return isNil(v) ? right(ctx) : v;
        };
      default:
        return fail(`unknown operator (${n.op})`);
    }
  }

  private matches(left: Ev, right: Ev, constant: GoRegexp | undefined, fail: Fail): Ev {
    if (constant) return (ctx) => constant.test(asString(left(ctx), fail));
    // A pattern computed at run time is compiled when first seen; keep the last one.
    let lastSource: string | undefined;
    let lastRegex: GoRegexp | undefined;
    return (ctx) => {
      const a = left(ctx);
      const b = right(ctx);
      // Go asserts the pattern before the subject (argument order of regexp.MatchString).
      const pattern = asString(b, fail);
      const subject = asString(a, fail);
      if (pattern !== lastSource || !lastRegex) {
        try {
          lastRegex = compileGoRegexp(pattern);
        } catch (e) {
          return fail(e instanceof GoRegexpSyntaxError ? e.message : String(e));
        }
        lastSource = pattern;
      }
      return lastRegex.test(subject);
    };
  }

  private member(base: Ev, prop: Ev, optional: boolean, fail: Fail): Ev {
    return (ctx) => {
      const b = base(ctx);
      if (b === CHAIN_NIL || (optional && isNil(b))) return CHAIN_NIL;
      return fetch(b, prop(ctx), fail);
    };
  }

  private slice(n: Extract<Node, { k: 'slice' }>): Ev {
    const fail = this.failAt(n.pos);
    const base = this.node(n.node);
    const to = n.to ? this.node(n.to) : null;
    const from = n.from ? this.node(n.from) : null;
    return (ctx) => {
      const v = base(ctx);
      const upper = to ? to(ctx) : length(v, fail);
      const lower = from ? from(ctx) : 0n;
      return slice(v, lower, upper, fail);
    };
  }

  private call(n: Extract<Node, { k: 'call' }>): Ev {
    const fail = this.failAt(n.pos);
    const args = n.args.map((a) => this.node(a));
    const callee = this.node(n.callee);
    const name =
      n.callee.k === 'ident'
        ? n.callee.name
        : n.callee.k === 'member' && n.callee.prop.k === 'string'
          ? n.callee.prop.value
          : 'function';
    return (ctx) => {
      const values = args.map((a) => plainArgument(a(ctx)));
      const fn = callee(ctx);
      if (fn === CHAIN_NIL) return CHAIN_NIL;
      if (typeof fn !== 'function') {
        const kind = isNil(fn) ? 'zero' : Array.isArray(fn) ? 'slice' : isMap(fn) ? 'map' : goType(fn);
        return fail(
          `reflect: call of reflect.Value.Call on ${kind} Value: ${name} is not a function in the environment`,
        );
      }
      let out: unknown;
      try {
        out = (fn as (...a: unknown[]) => unknown)(...values);
      } catch (e) {
        if (e instanceof ExprLangError) throw e;
        return fail(e instanceof Error ? e.message : String(e));
      }
      return out === undefined ? null : out;
    };
  }

  private builtin(n: Extract<Node, { k: 'builtin' }>): Ev {
    const fail = this.failAt(n.pos);
    if (n.name === 'len') {
      const arg = this.node(n.args[0]!);
      return (ctx) => length(arg(ctx), fail);
    }
    const impl = BUILTINS[n.name];
    if (impl) {
      const args = n.args.map((a) => this.node(a));
      return (ctx) =>
        impl(
          args.map((a) => a(ctx)),
          fail,
        );
    }
    return this.predicate(n, fail);
  }

  private pointer(name: string, pos: number): Ev {
    const fail = this.failAt(pos);
    const current = (ctx: Ctx): Scope => ctx.scopes[ctx.scopes.length - 1]!;
    if (name === 'index') return (ctx) => BigInt(current(ctx).index);
    if (name === 'acc') return (ctx) => current(ctx).acc;
    return (ctx) => {
      const s = current(ctx);
      return element(s, s.index, fail);
    };
  }

  private predicate(n: Extract<Node, { k: 'builtin' }>, fail: Fail): Ev {
    const collection = this.node(n.args[0]!);
    const body = this.node(n.args[1]!);
    const initial = n.args[2] ? this.node(n.args[2]) : null;
    const test = (ctx: Ctx): boolean => asBool(body(ctx), fail);
    const run = loopFor(n.name, body, test, initial, fail);
    return (ctx) => {
      const items = iterable(collection(ctx), fail);
      const scope: Scope = { items, index: 0, acc: null };
      ctx.scopes.push(scope);
      const out = run(ctx, scope);
      ctx.scopes.pop();
      return out;
    };
  }
}

/** What the closure-taking builtins do with their loop. */
function loopFor(
  name: string,
  body: Ev,
  test: (ctx: Ctx) => boolean,
  initial: Ev | null,
  fail: Fail,
): (ctx: Ctx, s: Scope) => unknown {
  const n = (s: Scope): number => s.items.length;
  switch (name) {
    case 'all':
      return (ctx, s) => {
        for (; s.index < n(s); s.index++) if (!test(ctx)) return false;
        return true;
      };
    case 'none':
      return (ctx, s) => {
        for (; s.index < n(s); s.index++) if (test(ctx)) return false;
        return true;
      };
    case 'any':
      return (ctx, s) => {
        for (; s.index < n(s); s.index++) if (test(ctx)) return true;
        return false;
      };
    case 'one':
    case 'count':
      return (ctx, s) => {
        let count = 0;
        for (; s.index < n(s); s.index++) if (test(ctx)) count++;
        return name === 'one' ? count === 1 : BigInt(count);
      };
    case 'filter':
      return (ctx, s) => {
        const out: unknown[] = [];
        for (; s.index < n(s); s.index++) if (test(ctx)) out.push(element(s, s.index, fail));
        grow(ctx, out.length, fail);
        return out;
      };
    case 'map':
      return (ctx, s) => {
        const out: unknown[] = [];
        for (; s.index < n(s); s.index++) out.push(body(ctx));
        grow(ctx, out.length, fail);
        return out;
      };
    case 'find':
    case 'findIndex':
      return (ctx, s) => {
        for (; s.index < n(s); s.index++) {
          if (test(ctx)) return name === 'find' ? element(s, s.index, fail) : BigInt(s.index);
        }
        return null;
      };
    case 'findLast':
    case 'findLastIndex':
      return (ctx, s) => {
        for (s.index = n(s) - 1; s.index >= 0; s.index--) {
          if (test(ctx)) return name === 'findLast' ? element(s, s.index, fail) : BigInt(s.index);
        }
        return null;
      };
    case 'groupBy':
      return (ctx, s) => {
        // Go groups under keys of any type; here keys are their %v text.
        const out: Record<string, unknown[]> = {};
        for (; s.index < n(s); s.index++) {
          const key = body(ctx);
          const k = typeof key === 'string' ? key : formatGoValue(key);
          (out[k] ??= []).push(element(s, s.index, fail));
        }
        return out;
      };
    case 'reduce':
      return (ctx, s) => {
        if (initial) {
          s.acc = initial(ctx);
        } else {
          if (n(s) === 0) return fail('reflect: slice index out of range');
          s.acc = element(s, 0, fail);
          s.index = 1;
        }
        for (; s.index < n(s); s.index++) s.acc = body(ctx);
        return s.acc;
      };
    default:
      return () => fail(`unknown builtin ${name}`);
  }
}

const MAP_SLOT: unique symbol = Symbol('map-slot');

/** The element under the cursor; fails for maps, whose elements Go's VM cannot index. */
function element(s: Scope, index: number, fail: Fail): unknown {
  const v = s.items[index];
  return v === MAP_SLOT ? fail('reflect: call of reflect.Value.Index on map Value') : v;
}

/** Collections a closure builtin can walk: arrays, strings (by byte) and maps (by count only). */
function iterable(v: unknown, fail: Fail): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') {
    return Array.from(utf8Encode(v), (b) => BigInt(b));
  }
  // A map can be counted but not indexed: the loop runs, and reading an element fails.
  if (isMap(v)) return new Array<unknown>(Object.keys(v).length).fill(MAP_SLOT);
  return fail(`reflect: call of reflect.Value.Len on ${isNil(v) ? 'zero' : goType(v)} Value`);
}

function grow(ctx: Ctx, size: number, fail: Fail): void {
  ctx.memory += size;
  if (ctx.memory >= MEMORY_BUDGET) fail('memory budget exceeded');
}

/** Functions from the environment are JS functions: Go ints reach them as numbers. */
function plainArgument(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}
