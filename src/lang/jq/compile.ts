// Compiles the syntax tree into closures (`Op`s). Names are resolved here, once: every variable,
// function and label becomes a fixed number of hops up the runtime environment list, so running
// a program never looks anything up by name.

import { iterate, indexValue, sliceValue } from './access.js';
import { alternative, binaryFunction, negate } from './arith.js';
import type { BinOp, FuncDef, Node, Pattern, UpdateOp } from './ast.js';
import { BUILTINS, UNSUPPORTED } from './builtins.js';
import { userCall } from './call.js';
import { tostring } from './convert.js';
import { chargeSize, emitComputed, type NativeImpl } from './define.js';
import { typePreview } from './encode.js';
import { JqError, JqRuntimeError } from './errors.js';
import { formatByName } from './formats.js';
import { syntaxError } from './lexer.js';
import { assignAll, constantPath, firstOf, modifyAll, writerFor } from './modify.js';
import { compilePatterns, type CompileFn } from './patterns.js';
import { fail, stepPath, type Closure, type Op, type RunContext } from './runtime.js';
import { cellAt, find, push, type FuncInfo, type Scope } from './scope.js';
import { isTruthy, setKey, type JqObject } from './values.js';

/** `break $l` unwinds to its label; the token is unique per label evaluation. */
export class BreakSignal {
  constructor(readonly token: object) {}
}

/** Wraps an error raised downstream of a `try` body so that `try` lets it pass. */
class Downstream {
  constructor(
    readonly error: unknown,
    readonly token: object,
  ) {}
}

const ENV_OBJECT: JqObject = {};

class Compiler {
  private readonly compileFn: CompileFn = (node, scope) => this.compile(node, scope);

  constructor(private readonly src: string) {}

  private error(at: number, message: string, hint?: string): JqError {
    return syntaxError(this.src, at, message, hint);
  }

  compile(node: Node, scope: Scope | null): Op {
    switch (node.type) {
      case 'identity':
        return (_c, input, path, _e, emit) => emit(input, path);
      case 'recurseDefault':
        return this.compileCall({ type: 'call', at: node.at, name: 'recurse', args: [] }, scope);
      case 'literal': {
        const v = node.value;
        return (_c, input, path, _e, emit) =>
          path === undefined ? emit(v, undefined) : emitComputed(v, input, path, emit);
      }
      case 'string':
        return this.compileString(node.parts, node.format, scope);
      case 'format': {
        const f = formatByName(node.name);
        return (_c, input, path, _e, emit) => emitComputed(f(input), input, path, emit);
      }
      case 'index':
        return this.compileIndex(node, scope);
      case 'slice': {
        const target = this.compile(node.target, scope);
        const from = node.from ? this.compile(node.from, scope) : constant(null);
        const to = node.to ? this.compile(node.to, scope) : constant(null);
        return (ctx, input, path, env, emit) =>
          from(ctx, input, undefined, env, (s) =>
            to(ctx, input, undefined, env, (e) =>
              target(ctx, input, path, env, (t, tp) =>
                emit(sliceValue(t, s, e), stepPath(tp, t, { start: s, end: e })),
              ),
            ),
          );
      }
      case 'iterate': {
        const target = this.compile(node.target, scope);
        return (ctx, input, path, env, emit) =>
          target(ctx, input, path, env, (t, tp) => iterate(ctx, t, tp, emit));
      }
      case 'try':
        return this.compileTry(node.body, node.handler, scope);
      case 'pipe': {
        const left = this.compile(node.left, scope);
        const right = this.compile(node.right, scope);
        return (ctx, input, path, env, emit) =>
          left(ctx, input, path, env, (v, p) => right(ctx, v, p, env, emit));
      }
      case 'comma': {
        const left = this.compile(node.left, scope);
        const right = this.compile(node.right, scope);
        return (ctx, input, path, env, emit) => {
          left(ctx, input, path, env, emit);
          right(ctx, input, path, env, emit);
        };
      }
      case 'neg': {
        const operand = this.compile(node.operand, scope);
        return (ctx, input, path, env, emit) =>
          operand(ctx, input, undefined, env, (v) => emitComputed(negate(v), input, path, emit));
      }
      case 'binop':
        return this.compileBinop(node.op, node.left, node.right, scope);
      case 'and':
      case 'or': {
        const left = this.compile(node.left, scope);
        const right = this.compile(node.right, scope);
        const isAnd = node.type === 'and';
        return (ctx, input, path, env, emit) =>
          left(ctx, input, undefined, env, (l) => {
            if (isTruthy(l) !== isAnd) {
              emitComputed(!isAnd, input, path, emit);
              return;
            }
            right(ctx, input, undefined, env, (r) => emitComputed(isTruthy(r), input, path, emit));
          });
      }
      case 'alt': {
        const left = this.compile(node.left, scope);
        const right = this.compile(node.right, scope);
        return (ctx, input, path, env, emit) => {
          let found = false;
          left(ctx, input, path, env, (v, p) => {
            if (isTruthy(v)) {
              found = true;
              emit(v, p);
            }
          });
          if (!found) right(ctx, input, path, env, emit);
        };
      }
      case 'update':
        return this.compileUpdate(node.op, node.left, node.right, scope);
      case 'array': {
        if (node.body === null) return (_c, input, path, _e, emit) => emitComputed([], input, path, emit);
        const body = this.compile(node.body, scope);
        return (ctx, input, path, env, emit) => {
          const out: unknown[] = [];
          body(ctx, input, undefined, env, (v) => {
            out.push(v);
          });
          emitComputed(out, input, path, emit);
        };
      }
      case 'object':
        return this.compileObject(node.entries, scope);
      case 'if': {
        const cond = this.compile(node.cond, scope);
        const then = this.compile(node.then, scope);
        const otherwise = node.otherwise ? this.compile(node.otherwise, scope) : null;
        return (ctx, input, path, env, emit) =>
          cond(ctx, input, undefined, env, (c) => {
            if (isTruthy(c)) then(ctx, input, path, env, emit);
            else if (otherwise) otherwise(ctx, input, path, env, emit);
            else emit(input, path);
          });
      }
      case 'reduce':
        return this.compileReduce(node.source, node.pattern, node.init, node.update, scope);
      case 'foreach':
        return this.compileForeach(node.source, node.pattern, node.init, node.update, node.extract, scope);
      case 'bind':
        return this.compileBind(node.source, node.patterns, node.body, scope);
      case 'funcDef':
        return this.compileFuncDef(node.def, node.rest, scope);
      case 'call':
        return this.compileCall(node, scope);
      case 'var':
        return this.compileVar(node.name, node.at, scope);
      case 'label': {
        const body = this.compile(node.body, push(scope, { kind: 'label', name: node.name }));
        return (ctx, input, path, env, emit) => {
          const token = {};
          try {
            body(ctx, input, path, { v: token, up: env }, emit);
          } catch (e) {
            if (!(e instanceof BreakSignal && e.token === token)) throw e;
          }
        };
      }
      case 'break': {
        const found = find(scope, (e) => e.kind === 'label' && e.name === node.name);
        if (!found)
          throw this.error(
            node.at,
            `label not defined: $${node.name}`,
            `break must be inside "label $${node.name} | …"`,
          );
        const hops = found.hops;
        return (_c, _i, _p, env) => {
          throw new BreakSignal(cellAt(env, hops).v as object);
        };
      }
    }
  }

  // ---- pieces ----

  private compileString(parts: (string | Node)[], format: string | null, scope: Scope | null): Op {
    const fmt = format === null ? tostring : formatByName(format);
    const compiled = parts.map((p) => (typeof p === 'string' ? p : this.compile(p, scope)));
    // gojq joins the parts with `+`, so the last interpolation varies slowest.
    return (ctx, input, path, env, emit) => {
      const go = (k: number, suffix: string): void => {
        if (k < 0) {
          emitComputed(sized(ctx, suffix), input, path, emit);
          return;
        }
        const part = compiled[k]!;
        if (typeof part === 'string') go(k - 1, part + suffix);
        else part(ctx, input, undefined, env, (v) => go(k - 1, fmt(v) + suffix));
      };
      go(compiled.length - 1, '');
    };
  }

  private compileIndex(node: Extract<Node, { type: 'index' }>, scope: Scope | null): Op {
    // Chains of constant keys on `.` (`.a.b[0]`) run as one loop: the common case in transforms.
    const keys: unknown[] = [];
    let n: Node = node;
    while (n.type === 'index' && n.key.type === 'literal') {
      keys.unshift(n.key.value);
      n = n.target;
    }
    if (n.type === 'identity') {
      if (keys.length === 1) {
        const k = keys[0];
        return (_c, input, path, _e, emit) => emit(indexValue(input, k), stepPath(path, input, k));
      }
      return (_c, input, path, _e, emit) => {
        let v = input;
        let p = path;
        for (const k of keys) {
          const container = v;
          v = indexValue(container, k);
          p = stepPath(p, container, k);
        }
        emit(v, p);
      };
    }
    const target = this.compile(node.target, scope);
    if (node.key.type === 'literal') {
      const k = node.key.value;
      return (ctx, input, path, env, emit) =>
        target(ctx, input, path, env, (t, tp) => emit(indexValue(t, k), stepPath(tp, t, k)));
    }
    const key = this.compile(node.key, scope);
    return (ctx, input, path, env, emit) =>
      key(ctx, input, undefined, env, (k) =>
        target(ctx, input, path, env, (t, tp) => emit(indexValue(t, k), stepPath(tp, t, k))),
      );
  }

  private compileTry(bodyNode: Node, handlerNode: Node | null, scope: Scope | null): Op {
    const body = this.compile(bodyNode, scope);
    const handler = handlerNode ? this.compile(handlerNode, scope) : null;
    return (ctx, input, path, env, emit) => {
      const token = {};
      let caught: JqRuntimeError | null = null;
      try {
        body(ctx, input, path, env, (v, p) => {
          try {
            emit(v, p);
          } catch (e) {
            // Errors from after the try (downstream) are not this try's to catch.
            if (e instanceof JqRuntimeError) throw new Downstream(e, token);
            throw e;
          }
        });
      } catch (e) {
        if (e instanceof Downstream && e.token === token) throw e.error;
        if (!(e instanceof JqRuntimeError)) throw e;
        caught = e;
      }
      if (caught && handler) {
        handler(ctx, caught.value, undefined, env, (v) => emitComputed(v, input, path, emit));
      }
    };
  }

  private compileBinop(op: BinOp, leftNode: Node, rightNode: Node, scope: Scope | null): Op {
    const f = binaryFunction(op);
    const left = this.compile(leftNode, scope);
    const right = this.compile(rightNode, scope);
    if (leftNode.type === 'literal' || rightNode.type === 'literal') {
      // Constant side: skip one level of continuation.
      if (rightNode.type === 'literal') {
        const r = rightNode.value;
        return (ctx, input, path, env, emit) =>
          left(ctx, input, undefined, env, (l) => emitComputed(sized(ctx, f(l, r)), input, path, emit));
      }
      const l = (leftNode as { value: unknown }).value;
      return (ctx, input, path, env, emit) =>
        right(ctx, input, undefined, env, (r) => emitComputed(sized(ctx, f(l, r)), input, path, emit));
    }
    // gojq evaluates the right operand in the outer loop: (1,2) + (10,20) → 11, 12, 21, 22.
    return (ctx, input, path, env, emit) =>
      right(ctx, input, undefined, env, (r) =>
        left(ctx, input, undefined, env, (l) => emitComputed(sized(ctx, f(l, r)), input, path, emit)),
      );
  }

  private compileUpdate(op: UpdateOp, leftNode: Node, rightNode: Node, scope: Scope | null): Op {
    const lhs = this.compile(leftNode, scope);
    const rhs = this.compile(rightNode, scope);
    if (op === '|=') {
      return (ctx, input, path, env, emit) =>
        emitComputed(modifyAll(ctx, lhs, input, env, firstOf(ctx, rhs, env)), input, path, emit);
    }
    if (op === '=') {
      // gojq turns `.a[0] = v` with constant keys into setpath, so its errors read "setpath(…)".
      const constant = constantPath(leftNode);
      if (constant) {
        return (ctx, input, path, env, emit) =>
          rhs(ctx, input, undefined, env, (x) =>
            emitComputed(writerFor(ctx).set(input, constant, x), input, path, emit),
          );
      }
      return (ctx, input, path, env, emit) =>
        rhs(ctx, input, undefined, env, (x) =>
          emitComputed(assignAll(ctx, lhs, input, env, x), input, path, emit),
        );
    }
    const f = op === '//=' ? alternative : binaryFunction(op.slice(0, -1) as BinOp);
    return (ctx, input, path, env, emit) =>
      rhs(ctx, input, undefined, env, (x) =>
        emitComputed(
          modifyAll(ctx, lhs, input, env, (cur) => sized(ctx, f(cur, x))),
          input,
          path,
          emit,
        ),
      );
  }

  private compileObject(entries: { key: Node; value: Node }[], scope: Scope | null): Op {
    if (
      entries.every(
        (e) => e.key.type === 'literal' && typeof e.key.value === 'string' && e.value.type === 'literal',
      )
    ) {
      const obj: JqObject = {};
      for (const e of entries)
        setKey(obj, (e.key as { value: string }).value, (e.value as { value: unknown }).value);
      return (_c, input, path, _e, emit) => emitComputed(obj, input, path, emit);
    }
    const keys = entries.map((e) => this.compile(e.key, scope));
    const values = entries.map((e) => this.compile(e.value, scope));
    const n = entries.length;
    return (ctx, input, path, env, emit) => {
      const ks = new Array<unknown>(n);
      const vs = new Array<unknown>(n);
      const go = (i: number): void => {
        if (i === n) {
          const obj: JqObject = {};
          for (let j = 0; j < n; j++) {
            const k = ks[j];
            if (typeof k !== 'string') fail(`expected a string for object key but got: ${typePreview(k)}`);
            setKey(obj, k, vs[j]);
          }
          emitComputed(obj, input, path, emit);
          return;
        }
        keys[i]!(ctx, input, undefined, env, (k) => {
          ks[i] = k;
          values[i]!(ctx, input, undefined, env, (v) => {
            vs[i] = v;
            go(i + 1);
          });
        });
      };
      go(0);
    };
  }

  private compileReduce(
    sourceNode: Node,
    pattern: Pattern,
    initNode: Node,
    updateNode: Node,
    scope: Scope | null,
  ): Op {
    const source = this.compile(sourceNode, scope);
    const init = this.compile(initNode, scope);
    const binder = compilePatterns(this.compileFn, [pattern], scope);
    const update = this.compile(updateNode, binder.scope);
    return (ctx, input, path, env, emit) =>
      init(ctx, input, path, env, (acc0, initPath) => {
        let acc = acc0;
        source(ctx, input, undefined, env, (item) => {
          ctx.tick();
          binder.bind(ctx, item, env, (inner) => {
            // Only the last output of the update survives; no output keeps the state (gojq).
            update(ctx, acc, initPath, inner, (v) => {
              acc = v;
            });
          });
        });
        // gojq drops paths made inside the loop: the result keeps the init's path if unchanged.
        if (initPath === undefined) emit(acc, undefined);
        else emitComputed(acc, acc0, initPath, emit);
      });
  }

  private compileForeach(
    sourceNode: Node,
    pattern: Pattern,
    initNode: Node,
    updateNode: Node,
    extractNode: Node | null,
    scope: Scope | null,
  ): Op {
    const source = this.compile(sourceNode, scope);
    const init = this.compile(initNode, scope);
    const binder = compilePatterns(this.compileFn, [pattern], scope);
    const update = this.compile(updateNode, binder.scope);
    const extract = extractNode ? this.compile(extractNode, binder.scope) : null;
    return (ctx, input, path, env, emit) =>
      init(ctx, input, path, env, (s0, initPath) => {
        let state = s0;
        source(ctx, input, undefined, env, (item) => {
          ctx.tick();
          binder.bind(ctx, item, env, (inner) => {
            // In path mode each update's path is relative to the init's, as in gojq.
            update(ctx, state, initPath, inner, (v, p) => {
              state = v;
              if (extract) extract(ctx, v, p, inner, emit);
              else emit(v, p);
            });
          });
        });
      });
  }

  private compileBind(sourceNode: Node, patterns: Pattern[], bodyNode: Node, scope: Scope | null): Op {
    const source = this.compile(sourceNode, scope);
    const binder = compilePatterns(this.compileFn, patterns, scope);
    const body = this.compile(bodyNode, binder.scope);
    return (ctx, input, path, env, emit) =>
      source(ctx, input, undefined, env, (v) =>
        binder.bind(ctx, v, env, (inner) => body(ctx, input, path, inner, emit)),
      );
  }

  private compileFuncDef(def: FuncDef, restNode: Node, scope: Scope | null): Op {
    const info: FuncInfo = { params: def.params, body: null };
    const self = push(scope, { kind: 'func', name: def.name, arity: def.params.length, info });
    let bodyScope: Scope | null = self;
    for (const p of def.params)
      bodyScope = push(bodyScope, { kind: 'param', name: p.startsWith('$') ? p.slice(1) : p });
    for (const p of def.params)
      if (p.startsWith('$')) bodyScope = push(bodyScope, { kind: 'var', name: p.slice(1) });
    info.body = this.compile(def.body, bodyScope);
    const rest = this.compile(restNode, self);
    return (ctx, input, path, env, emit) => rest(ctx, input, path, { v: info, up: env }, emit);
  }

  private compileVar(name: string, at: number, scope: Scope | null): Op {
    const found = find(scope, (e) => e.kind === 'var' && e.name === name);
    if (found) {
      const hops = found.hops;
      return (_c, input, path, env, emit) => {
        let e = env;
        for (let i = 0; i < hops; i++) e = e!.up;
        const v = e!.v;
        if (path === undefined) emit(v, undefined);
        else emitComputed(v, input, path, emit);
      };
    }
    // Argo runs gojq without an environment loader: $ENV is an empty object.
    if (name === 'ENV') return (_c, input, path, _e, emit) => emitComputed(ENV_OBJECT, input, path, emit);
    throw this.error(at, `variable not defined: $${name}`, 'bind it first, e.g. `.x as $' + name + ' | …`');
  }

  private compileCall(node: Extract<Node, { type: 'call' }>, scope: Scope | null): Op {
    const arity = node.args.length;
    const found = find(
      scope,
      (e) =>
        (e.kind === 'func' && e.name === node.name && e.arity === arity) ||
        (arity === 0 && e.kind === 'param' && e.name === node.name),
    );
    if (found && found.entry.kind === 'param') {
      const hops = found.hops;
      return (ctx, input, path, env, emit) => {
        const c = cellAt(env, hops).v as Closure;
        c.op(ctx, input, path, c.env, emit);
      };
    }
    const args = node.args.map((a) => this.compile(a, scope));
    if (found && found.entry.kind === 'func') return userCall(found.hops, found.entry.info, args);
    const key = `${node.name}/${arity}`;
    const unsupported = UNSUPPORTED[key];
    if (unsupported !== undefined) throw this.error(node.at, `${key} is not available: ${unsupported}`);
    const impl: NativeImpl | undefined = BUILTINS[key];
    if (!impl) {
      throw this.error(
        node.at,
        `function not defined: ${key}`,
        'check the spelling and the number of ;-separated arguments',
      );
    }
    return (ctx, input, path, env, emit) => impl(ctx, input, path, env, emit, args);
  }
}

function sized<T>(ctx: RunContext, v: T): T {
  chargeSize(ctx, v);
  return v;
}

function constant(v: unknown): Op {
  return (_c, _i, _p, _e, emit) => emit(v, undefined);
}

export function compileProgram(src: string, node: Node): Op {
  return new Compiler(src).compile(node, null);
}
