// expr's compile-time type check, for a program compiled without an env (as Argo does): names
// are `any`, literals and builtins have types, and mismatches among known types are errors even
// where they would never be evaluated, e.g. `true || "a" + 1`. Also compiles constant `matches`
// patterns, so a bad regex literal fails at compile time as in expr.

import type { Node } from './ast.js';
import { ExprLangError } from './errors.js';
import { compileGoRegexp, GoRegexpSyntaxError } from '../goregexp/index.js';
import {
  ANY,
  ARRAY,
  arrayOf,
  assignable,
  BOOL,
  combined,
  eitherAny,
  FLOAT,
  GROUPS,
  INT,
  INT_ARRAY,
  isAny,
  isArrayType,
  isBoolType,
  isComparable,
  isInteger,
  isMapType,
  isNumber,
  isStringType,
  MAP,
  NIL,
  STRING,
  STRING_ARRAY,
  typeName,
  type Type,
} from './types.js';
import { PREDICATES } from './parser.js';

/** Builtins left out on purpose: their results depend on the clock or produce Go time values. */
const UNSUPPORTED_BUILTINS = new Set(['now', 'duration', 'date']);

/** Overloads of builtins declared by Go signatures, tried in order. */
const SIGNATURES: Record<string, { params: Type[]; out: Type }[]> = {
  type: [{ params: [ANY], out: STRING }],
  string: [{ params: [ANY], out: STRING }],
  trim: [
    { params: [STRING], out: STRING },
    { params: [STRING, STRING], out: STRING },
  ],
  trimPrefix: [
    { params: [STRING, STRING], out: STRING },
    { params: [STRING], out: STRING },
  ],
  trimSuffix: [
    { params: [STRING, STRING], out: STRING },
    { params: [STRING], out: STRING },
  ],
  upper: [{ params: [STRING], out: STRING }],
  lower: [{ params: [STRING], out: STRING }],
  split: [
    { params: [STRING, STRING], out: STRING_ARRAY },
    { params: [STRING, STRING, INT], out: STRING_ARRAY },
  ],
  splitAfter: [
    { params: [STRING, STRING], out: STRING_ARRAY },
    { params: [STRING, STRING, INT], out: STRING_ARRAY },
  ],
  replace: [
    { params: [STRING, STRING, STRING, INT], out: STRING },
    { params: [STRING, STRING, STRING], out: STRING },
  ],
  repeat: [{ params: [STRING, INT], out: STRING }],
  join: [
    { params: [STRING_ARRAY, STRING], out: STRING },
    { params: [ARRAY, STRING], out: STRING },
    { params: [ARRAY], out: STRING },
    { params: [STRING_ARRAY, STRING], out: STRING },
    { params: [STRING_ARRAY], out: STRING },
  ],
  indexOf: [{ params: [STRING, STRING], out: INT }],
  lastIndexOf: [{ params: [STRING, STRING], out: INT }],
  hasPrefix: [{ params: [STRING, STRING], out: BOOL }],
  hasSuffix: [{ params: [STRING, STRING], out: BOOL }],
  toJSON: [{ params: [ANY], out: STRING }],
  fromJSON: [{ params: [STRING], out: ANY }],
  toBase64: [{ params: [STRING], out: STRING }],
  fromBase64: [{ params: [STRING], out: STRING }],
};

interface PredicateScope {
  collection: Type;
  vars: Record<string, Type>;
}

export function check(root: Node, src: string): Type {
  return new Checker(src).visit(root);
}

class Checker {
  private readonly scopes: PredicateScope[] = [];
  private readonly variables: { name: string; type: Type }[] = [];

  constructor(private readonly src: string) {}

  private fail(node: Node, detail: string): never {
    throw new ExprLangError(detail, this.src, node.pos);
  }

  visit(node: Node): Type {
    switch (node.k) {
      case 'nil':
        return NIL;
      case 'bool':
        return BOOL;
      case 'int':
        return INT;
      case 'float':
        return FLOAT;
      case 'string':
        return STRING;
      case 'stringSet':
        return MAP;
      case 'ident': {
        const v = this.lookupVariable(node.name);
        if (v) return v;
        return node.name === '$env' ? MAP : ANY;
      }
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.binary(node);
      case 'chain':
        return this.visit(node.node);
      case 'member':
        return this.member(node);
      case 'slice':
        return this.slice(node);
      case 'call':
        this.visit(node.callee);
        for (const a of node.args) this.visit(a);
        return ANY;
      case 'builtin':
        return this.builtin(node);
      case 'closure':
        return this.visit(node.node);
      case 'pointer':
        return this.pointer(node);
      case 'let':
        return this.letNode(node);
      case 'cond':
        return this.conditional(node);
      case 'array':
        return this.array(node);
      case 'map':
        for (const p of node.pairs) {
          this.visit(p.key);
          this.visit(p.value);
        }
        return MAP;
    }
  }

  private lookupVariable(name: string): Type | undefined {
    for (let i = this.variables.length - 1; i >= 0; i--) {
      if (this.variables[i]!.name === name) return this.variables[i]!.type;
    }
    return undefined;
  }

  private unary(node: Extract<Node, { k: 'unary' }>): Type {
    const t = this.visit(node.node);
    if (node.op === '!' || node.op === 'not') {
      if (isBoolType(t) || isAny(t)) return BOOL;
    } else {
      if (isNumber(t)) return t;
      if (isAny(t)) return ANY;
    }
    return this.fail(node, `invalid operation: ${node.op} (mismatched type ${typeName(t)})`);
  }

  private binary(node: Extract<Node, { k: 'binary' }>): Type {
    const l = this.visit(node.left);
    const r = this.visit(node.right);
    const op = node.op;
    switch (op) {
      case '==':
      case '!=':
        if (isComparable(l, r)) return BOOL;
        break;
      case 'or':
      case '||':
      case 'and':
      case '&&':
        if ((isBoolType(l) && isBoolType(r)) || eitherAny(l, r, isBoolType)) return BOOL;
        break;
      case '<':
      case '>':
      case '>=':
      case '<=':
        if ((isNumber(l) && isNumber(r)) || (isStringType(l) && isStringType(r))) return BOOL;
        if (eitherAny(l, r, isNumber, isStringType)) return BOOL;
        break;
      case '-':
      case '*':
        if (isNumber(l) && isNumber(r)) return combined(l, r);
        if (eitherAny(l, r, isNumber)) return ANY;
        break;
      case '/':
      case '**':
      case '^':
        if ((isNumber(l) && isNumber(r)) || eitherAny(l, r, isNumber)) return FLOAT;
        break;
      case '%':
        if (isInteger(l) && isInteger(r)) return combined(l, r);
        if (eitherAny(l, r, isInteger)) return ANY;
        break;
      case '+':
        if (isNumber(l) && isNumber(r)) return combined(l, r);
        if (isStringType(l) && isStringType(r)) return STRING;
        if (eitherAny(l, r, isNumber, isStringType)) return ANY;
        break;
      case 'in':
        return this.inOperator(node, l, r);
      case 'matches':
        if (node.right.k === 'string') {
          try {
            node.regex = compileGoRegexp(node.right.value);
          } catch (e) {
            if (e instanceof GoRegexpSyntaxError) this.fail(node, e.message);
            throw e;
          }
        }
        if ((isStringType(l) && isStringType(r)) || eitherAny(l, r, isStringType)) return BOOL;
        break;
      case 'contains':
      case 'startsWith':
      case 'endsWith':
        if ((isStringType(l) && isStringType(r)) || eitherAny(l, r, isStringType)) return BOOL;
        break;
      case '..':
        if ((isInteger(l) && isInteger(r)) || eitherAny(l, r, isInteger)) return INT_ARRAY;
        break;
      case '??':
        if (l.kind === 'nil') return r;
        if (r.kind === 'nil') return l;
        return assignable(r, l) ? l : ANY;
      default:
        return this.fail(node, `unknown operator (${op})`);
    }
    return this.fail(node, `invalid operation: ${op} (mismatched types ${typeName(l)} and ${typeName(r)})`);
  }

  private inOperator(node: Extract<Node, { k: 'binary' }>, l: Type, r: Type): Type {
    if (isMapType(r)) {
      if (l.kind !== 'nil' && !isAny(l) && !isStringType(l)) {
        return this.fail(node, `cannot use ${typeName(l)} as type string in map key`);
      }
      return BOOL;
    }
    if (isArrayType(r)) {
      if (l.kind === 'nil') return BOOL;
      if (!isComparable(l, r.elem))
        return this.fail(node, `cannot use ${typeName(l)} as type ${typeName(r.elem ?? ANY)} in array`);
      if (r.literalElem && !isComparable(l, r.literalElem)) {
        return this.fail(node, `cannot use ${typeName(l)} as type ${typeName(r.literalElem)} in array`);
      }
      return BOOL;
    }
    if (isAny(l) && (isStringType(r) || isArrayType(r) || isMapType(r))) return BOOL;
    if (isAny(r)) return BOOL;
    return this.fail(node, `invalid operation: in (mismatched types ${typeName(l)} and ${typeName(r)})`);
  }

  private member(node: Extract<Node, { k: 'member' }>): Type {
    const base = this.visit(node.node);
    const prop = this.visit(node.prop);
    const name = node.prop.k === 'string' ? node.prop.value : undefined;
    switch (base.kind) {
      case 'any':
        return ANY;
      case 'map':
        if (!isStringType(prop) && !isAny(prop)) {
          return this.fail(
            node.prop,
            `cannot use ${typeName(prop)} to get an element from ${typeName(base)}`,
          );
        }
        return base.elem ?? ANY;
      case 'array':
        if (!isInteger(prop) && !isAny(prop)) {
          return this.fail(
            node.prop,
            `array elements can only be selected using an integer (got ${typeName(prop)})`,
          );
        }
        return base.elem ?? ANY;
      case 'nil':
        if (name !== undefined) return this.fail(node, `type <nil> has no field ${name}`);
        break;
    }
    return this.fail(node, `type ${typeName(base)}[${typeName(prop)}] is undefined`);
  }

  private slice(node: Extract<Node, { k: 'slice' }>): Type {
    const t = this.visit(node.node);
    if (!isAny(t) && !isStringType(t) && !isArrayType(t)) this.fail(node, `cannot slice ${typeName(t)}`);
    for (const bound of [node.from, node.to]) {
      if (!bound) continue;
      const b = this.visit(bound);
      if (!isInteger(b) && !isAny(b)) this.fail(bound, `non-integer slice index ${typeName(b)}`);
    }
    return t;
  }

  private pointer(node: Extract<Node, { k: 'pointer' }>): Type {
    const scope = this.scopes[this.scopes.length - 1];
    if (!scope) return this.fail(node, 'cannot use pointer accessor outside closure');
    if (node.name === '') {
      if (isAny(scope.collection)) return ANY;
      if (isArrayType(scope.collection)) return scope.collection.elem ?? ANY;
      return this.fail(node, `cannot use ${typeName(scope.collection)} as array`);
    }
    const t = scope.vars[node.name];
    return t ?? this.fail(node, `unknown pointer #${node.name}`);
  }

  private letNode(node: Extract<Node, { k: 'let' }>): Type {
    if (PREDICATES.has(node.name) || SIGNATURES[node.name] || VALIDATED.has(node.name)) {
      return this.fail(node, `cannot redeclare builtin ${node.name}`);
    }
    if (this.lookupVariable(node.name)) return this.fail(node, `cannot redeclare variable ${node.name}`);
    const t = this.visit(node.value);
    this.variables.push({ name: node.name, type: t });
    const out = this.visit(node.body);
    this.variables.pop();
    return out;
  }

  private conditional(node: Extract<Node, { k: 'cond' }>): Type {
    const c = this.visit(node.cond);
    if (!isBoolType(c) && !isAny(c))
      this.fail(node.cond, `non-bool expression (type ${typeName(c)}) used as condition`);
    const t1 = this.visit(node.then);
    const t2 = this.visit(node.else);
    if (t1.kind === 'nil') return t2;
    if (t2.kind === 'nil') return t1;
    return assignable(t1, t2) ? t1 : ANY;
  }

  private array(node: Extract<Node, { k: 'array' }>): Type {
    let previous: Type | undefined;
    let same = true;
    for (const item of node.items) {
      const t = this.visit(item);
      if (previous && (t.kind === 'nil' || previous.kind === 'nil' || t.kind !== previous.kind)) same = false;
      previous = t;
    }
    return same && previous && previous.kind !== 'nil' ? { ...ARRAY, literalElem: previous } : ARRAY;
  }

  private builtin(node: Extract<Node, { k: 'builtin' }>): Type {
    const name = node.name;
    if (UNSUPPORTED_BUILTINS.has(name)) {
      return this.fail(
        node,
        `builtin ${name} is not supported: its result depends on the clock or on Go time values`,
      );
    }
    if (PREDICATES.has(name)) return this.predicate(node);
    if (name === 'get') return this.get(node);
    const args = node.args.map((a) => this.visit(a));
    const signatures = SIGNATURES[name];
    if (signatures) return this.overloads(node, name, signatures, args);
    return this.validate(node, name, args);
  }

  private predicate(node: Extract<Node, { k: 'builtin' }>): Type {
    const name = node.name;
    const [collectionNode, closureNode, initial] = node.args as [Node, Node, Node | undefined];
    const collection = this.visit(collectionNode);
    if (!isArrayType(collection) && !isAny(collection)) {
      return this.fail(collectionNode, `builtin ${name} takes only array (got ${typeName(collection)})`);
    }
    const vars: Record<string, Type> = {};
    if (name === 'map' || name === 'reduce') vars['index'] = INT;
    if (name === 'reduce') vars['acc'] = ANY;
    this.scopes.push({ collection, vars });
    const out = this.visit(closureNode);
    this.scopes.pop();
    if (initial) this.visit(initial);
    if (out.kind === 'nil') return this.fail(closureNode, 'closure cannot be nil');
    const elem = isAny(collection) ? ANY : (collection.elem ?? ANY);
    const mustBeBool = !['map', 'groupBy', 'reduce'].includes(name);
    if (mustBeBool && !isBoolType(out) && !isAny(out)) {
      return this.fail(closureNode, `predicate should return boolean (got ${typeName(out)})`);
    }
    switch (name) {
      case 'filter':
        return isAny(collection) ? ARRAY : arrayOf(elem);
      case 'map':
        return arrayOf(out);
      case 'count':
      case 'findIndex':
      case 'findLastIndex':
        return INT;
      case 'find':
      case 'findLast':
        return elem;
      case 'groupBy':
        return GROUPS;
      case 'reduce':
        return out;
      default:
        return BOOL;
    }
  }

  private get(node: Extract<Node, { k: 'builtin' }>): Type {
    if (node.args.length !== 2) {
      return this.fail(node, `invalid number of arguments (expected 2, got ${node.args.length})`);
    }
    const [valueNode, propNode] = node.args as [Node, Node];
    const t = this.visit(valueNode);
    if (isAny(t)) {
      this.visit(propNode);
      return ANY;
    }
    const p = this.visit(propNode);
    if (isArrayType(t)) {
      if (p.kind === 'nil') return this.fail(propNode, 'cannot use nil as slice index');
      if (!isInteger(p) && !isAny(p)) return this.fail(propNode, `non-integer slice index ${typeName(p)}`);
      return t.elem ?? ANY;
    }
    if (isMapType(t)) {
      if (p.kind === 'nil') return this.fail(propNode, 'cannot use nil as map index');
      if (!isStringType(p) && !isAny(p))
        return this.fail(propNode, `cannot use ${typeName(p)} to get an element from ${typeName(t)}`);
      return t.elem ?? ANY;
    }
    return this.fail(valueNode, `type ${typeName(t)} does not support indexing`);
  }

  private overloads(
    node: Node,
    name: string,
    signatures: { params: Type[]; out: Type }[],
    args: Type[],
  ): Type {
    let lastError = '';
    let lastAt: Node = node;
    for (const sig of signatures) {
      if (args.length > sig.params.length) {
        lastError = `too many arguments to call ${name}`;
        lastAt = node;
        continue;
      }
      if (args.length < sig.params.length) {
        lastError = `not enough arguments to call ${name}`;
        lastAt = node;
        continue;
      }
      const bad = args.findIndex((t, i) => !argumentFits(t, sig.params[i]!));
      if (bad < 0) return sig.out;
      lastError = `cannot use ${typeName(args[bad]!)} as argument (type ${typeName(sig.params[bad]!)}) to call ${name} `;
      lastAt = (node as Extract<Node, { k: 'builtin' }>).args[bad] ?? node;
    }
    return this.fail(lastAt, lastError);
  }

  /** Builtins whose arguments expr checks with hand-written rules. */
  private validate(node: Node, name: string, args: Type[]): Type {
    const arity = (n: number): void => {
      if (args.length !== n)
        this.fail(node, `invalid number of arguments (expected ${n}, got ${args.length})`);
    };
    const a0 = args[0] ?? ANY;
    switch (name) {
      case 'len':
        arity(1);
        if (['array', 'map', 'string', 'any'].includes(a0.kind)) return INT;
        return this.fail(node, `invalid argument for len (type ${typeName(a0)})`);
      case 'abs':
        arity(1);
        if (isNumber(a0) || isAny(a0)) return a0;
        return this.fail(node, `invalid argument for abs (type ${typeName(a0)})`);
      case 'ceil':
      case 'floor':
      case 'round':
        arity(1);
        if (isNumber(a0) || isAny(a0)) return FLOAT;
        return this.fail(
          node,
          `invalid argument for ${name === 'round' ? 'floor' : name} (type ${typeName(a0)})`,
        );
      case 'int':
      case 'float':
        arity(1);
        if (isNumber(a0) || isAny(a0) || isStringType(a0)) return name === 'int' ? INT : FLOAT;
        return this.fail(node, `invalid argument for ${name} (type ${typeName(a0)})`);
      case 'max':
      case 'min':
        if (args.length === 0) return this.fail(node, `not enough arguments to call ${name}`);
        for (const t of args) {
          if (isAny(t)) return ANY;
          if (!isNumber(t)) return this.fail(node, `invalid argument for ${name} (type ${typeName(t)})`);
        }
        return a0;
      case 'sum':
      case 'mean':
      case 'median':
        arity(1);
        if (!isAny(a0) && !isArrayType(a0)) {
          return this.fail(node, `cannot ${name === 'mean' ? 'avg' : name} ${typeName(a0)}`);
        }
        return name === 'sum' ? ANY : FLOAT;
      case 'first':
      case 'last':
        arity(1);
        if (isAny(a0)) return ANY;
        if (isArrayType(a0)) return a0.elem ?? ANY;
        return this.fail(node, `cannot get ${name} element from ${typeName(a0)}`);
      case 'take': {
        arity(2);
        const a1 = args[1] ?? ANY;
        if (!isAny(a0) && !isArrayType(a0)) return this.fail(node, `cannot take from ${typeName(a0)}`);
        if (!isAny(a1) && !isInteger(a1)) return this.fail(node, `cannot take ${typeName(a1)} elements`);
        return a0;
      }
      case 'keys':
      case 'values':
        arity(1);
        if (isAny(a0) || isMapType(a0)) return ARRAY;
        return this.fail(node, `cannot get ${name} from ${typeName(a0)}`);
      case 'toPairs':
        arity(1);
        if (isAny(a0) || isMapType(a0)) return ARRAY;
        return this.fail(node, `cannot transform ${typeName(a0)} to pairs`);
      case 'fromPairs':
        arity(1);
        if (isAny(a0) || isArrayType(a0)) return MAP;
        return this.fail(node, `cannot transform ${typeName(a0)} from pairs`);
      case 'sort':
      case 'sortBy': {
        const [min, max] = name === 'sort' ? [1, 2] : [2, 3];
        if (args.length < min || args.length > max) {
          return this.fail(
            node,
            `invalid number of arguments (expected ${min} or ${max}, got ${args.length})`,
          );
        }
        if (!isAny(a0) && !isArrayType(a0)) return this.fail(node, `cannot sort ${typeName(a0)}`);
        for (const t of args.slice(1)) {
          if (!isAny(t) && !isStringType(t)) {
            return this.fail(node, `invalid argument for sort (expected string, got ${typeName(t)})`);
          }
        }
        return ARRAY;
      }
      default:
        return this.fail(node, `unknown builtin ${name}`);
    }
  }
}

const VALIDATED = new Set([
  'len',
  'abs',
  'ceil',
  'floor',
  'round',
  'int',
  'float',
  'max',
  'min',
  'sum',
  'mean',
  'median',
  'first',
  'last',
  'take',
  'keys',
  'values',
  'toPairs',
  'fromPairs',
  'sort',
  'sortBy',
  'get',
  'now',
  'duration',
  'date',
]);

/** Whether an argument of type t may be passed for a parameter of type param (expr's rules). */
function argumentFits(t: Type, param: Type): boolean {
  if (t.kind === 'nil' || isAny(t)) return true;
  if (param.kind === 'float' && t.kind === 'int') return true;
  return assignable(t, param);
}
