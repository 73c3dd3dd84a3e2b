// expr-lang parser: precedence climbing with expr's operator table. Notable rules kept from expr:
// unary `not`/`!` bind looser than comparisons' operands but tighter than `==` (so `not a in b` is
// `(not a) in b`), unary minus binds tighter than `*` but looser than `**` (-2 ** 2 is -4),
// `**`/`^` are right-associative, `??` binds tightest and cannot be mixed with other operators
// without parentheses, `|` pipes the left side in as the first argument, and string, number,
// bool and nil literals take no postfix (`"abc"[0]` is a syntax error).

import type { Node } from './ast.js';
import { ExprLangError } from './errors.js';
import { lex, tokenString, type Token, type TokenKind, isAlphabetic, isAlphaNumeric } from './lexer.js';

interface OperatorInfo {
  precedence: number;
  rightAssoc: boolean;
}

const UNARY: Record<string, number> = { not: 50, '!': 50, '-': 90, '+': 90 };

const BINARY: Record<string, OperatorInfo> = {
  '|': { precedence: 0, rightAssoc: false },
  or: { precedence: 10, rightAssoc: false },
  '||': { precedence: 10, rightAssoc: false },
  and: { precedence: 15, rightAssoc: false },
  '&&': { precedence: 15, rightAssoc: false },
  '==': { precedence: 20, rightAssoc: false },
  '!=': { precedence: 20, rightAssoc: false },
  '<': { precedence: 20, rightAssoc: false },
  '>': { precedence: 20, rightAssoc: false },
  '>=': { precedence: 20, rightAssoc: false },
  '<=': { precedence: 20, rightAssoc: false },
  in: { precedence: 20, rightAssoc: false },
  matches: { precedence: 20, rightAssoc: false },
  contains: { precedence: 20, rightAssoc: false },
  startsWith: { precedence: 20, rightAssoc: false },
  endsWith: { precedence: 20, rightAssoc: false },
  '..': { precedence: 25, rightAssoc: false },
  '+': { precedence: 30, rightAssoc: false },
  '-': { precedence: 30, rightAssoc: false },
  '*': { precedence: 60, rightAssoc: false },
  '/': { precedence: 60, rightAssoc: false },
  '%': { precedence: 60, rightAssoc: false },
  '**': { precedence: 100, rightAssoc: true },
  '^': { precedence: 100, rightAssoc: true },
  '??': { precedence: 500, rightAssoc: false },
};

/** Builtins taking a closure as second argument (reduce also takes an optional initial value). */
export const PREDICATES = new Set([
  'all',
  'none',
  'any',
  'one',
  'filter',
  'map',
  'count',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'groupBy',
  'reduce',
]);

/** Every builtin name expr v1.15 knows; a call of one of these is a builtin call, not an env lookup. */
const BUILTIN_NAMES = new Set([
  ...PREDICATES,
  'len',
  'type',
  'abs',
  'ceil',
  'floor',
  'round',
  'int',
  'float',
  'string',
  'trim',
  'trimPrefix',
  'trimSuffix',
  'upper',
  'lower',
  'split',
  'splitAfter',
  'replace',
  'repeat',
  'join',
  'indexOf',
  'lastIndexOf',
  'hasPrefix',
  'hasSuffix',
  'max',
  'min',
  'sum',
  'mean',
  'median',
  'toJSON',
  'fromJSON',
  'toBase64',
  'fromBase64',
  'now',
  'duration',
  'date',
  'first',
  'last',
  'get',
  'take',
  'keys',
  'values',
  'toPairs',
  'fromPairs',
  'sort',
  'sortBy',
]);

const MAX_DEPTH = 500;

export function parse(src: string): Node {
  return new Parser(src, lex(src)).parseProgram();
}

function isValidIdentifier(word: string): boolean {
  const chars = Array.from(word);
  return chars.length > 0 && isAlphabetic(chars[0]!) && chars.every(isAlphaNumeric);
}

class Parser {
  private i = 0;
  /** how many closures we are inside: `#` and `.field` are only valid within one */
  private closureDepth = 0;
  private nesting = 0;

  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  private get current(): Token {
    return this.tokens[Math.min(this.i, this.tokens.length - 1)]!;
  }

  private is(kind: TokenKind, value?: string): boolean {
    const t = this.current;
    return t.kind === kind && (value === undefined || t.value === value);
  }

  private fail(detail: string, at: Token = this.current): ExprLangError {
    return new ExprLangError(detail, this.src, at.pos);
  }

  private next(): void {
    if (this.i >= this.tokens.length - 1) throw this.fail('unexpected end of expression');
    this.i++;
  }

  private expect(kind: TokenKind, value?: string): void {
    if (!this.is(kind, value)) throw this.fail(`unexpected token ${tokenString(this.current)}`);
    this.next();
  }

  parseProgram(): Node {
    const node = this.expression(0);
    if (!this.is('EOF')) throw this.fail(`unexpected token ${tokenString(this.current)}`);
    return node;
  }

  private expression(precedence: number): Node {
    // Deeply nested input must fail cleanly rather than overflow the stack.
    if (++this.nesting > MAX_DEPTH) throw this.fail('expression is nested too deeply');
    try {
      return this.expressionInner(precedence);
    } finally {
      this.nesting--;
    }
  }

  private expressionInner(precedence: number): Node {
    if (precedence === 0 && this.is('Operator', 'let')) return this.letDeclaration();
    let left = this.primary();
    let previous = '';
    while (this.current.kind === 'Operator') {
      let op = this.current;
      let negateToken: Token | undefined;
      if (op.value === 'not') {
        // `not in`, `not matches`, ...: the lexer put the operator right after `not`.
        negateToken = op;
        this.next();
        op = this.current;
      }
      const info = BINARY[op.value];
      // As in expr, a `not` already read stays consumed when its operator binds too loosely here:
      // the outer level then applies that operator without the negation (`1 + 1 not in [2]` is true).
      if (!info || info.precedence < precedence || op.kind !== 'Operator') break;
      this.next();
      if (op.value === '|') {
        left = this.pipe(left);
      } else {
        if (previous === '??' && op.value !== '??') {
          throw this.fail(
            `Operator (${op.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`,
            op,
          );
        }
        const right = this.expression(info.rightAssoc ? info.precedence : info.precedence + 1);
        left = { k: 'binary', op: op.value, left, right, pos: op.pos };
        if (negateToken) left = { k: 'unary', op: 'not', node: left, pos: negateToken.pos };
      }
      previous = op.value;
    }
    if (precedence === 0) left = this.conditional(left);
    return left;
  }

  private letDeclaration(): Node {
    const start = this.current;
    this.expect('Operator', 'let');
    const name = this.current;
    this.expect('Identifier');
    this.expect('Operator', '=');
    const value = this.expression(0);
    this.expect('Operator', ';');
    const body = this.expression(0);
    return { k: 'let', name: name.value, value, body, pos: start.pos };
  }

  private conditional(node: Node): Node {
    let result = node;
    while (this.is('Operator', '?')) {
      const q = this.current;
      this.next();
      let then: Node;
      let otherwise: Node;
      if (this.is('Operator', ':')) {
        // `a ?: b` is `a ? a : b`
        this.next();
        then = result;
        otherwise = this.expression(0);
      } else {
        then = this.expression(0);
        this.expect('Operator', ':');
        otherwise = this.expression(0);
      }
      result = { k: 'cond', cond: result, then, else: otherwise, pos: q.pos };
    }
    return result;
  }

  private primary(): Node {
    const t = this.current;
    if (t.kind === 'Operator' && UNARY[t.value] !== undefined) {
      this.next();
      const operand = this.expression(UNARY[t.value]!);
      return this.postfix({ k: 'unary', op: t.value, node: operand, pos: t.pos });
    }
    if (this.is('Bracket', '(')) {
      this.next();
      const inner = this.expression(0);
      this.expect('Bracket', ')');
      return this.postfix(inner);
    }
    if (t.kind === 'Operator' && (t.value === '#' || t.value === '.')) {
      if (this.closureDepth === 0) throw this.fail('cannot use pointer accessor outside closure');
      let name = '';
      if (t.value === '#') {
        this.next();
        if (this.is('Identifier')) {
          name = this.current.value;
          this.next();
        }
      }
      // `.field` leaves the '.' for postfix to read as member access on the current element.
      return this.postfix({ k: 'pointer', name, pos: t.pos });
    }
    return this.secondary();
  }

  private secondary(): Node {
    const t = this.current;
    switch (t.kind) {
      case 'Identifier':
        this.next();
        if (t.value === 'true' || t.value === 'false')
          return { k: 'bool', value: t.value === 'true', pos: t.pos };
        if (t.value === 'nil') return { k: 'nil', pos: t.pos };
        return this.postfix(this.callOrIdentifier(t));
      case 'Number':
        this.next();
        return this.numberLiteral(t);
      case 'String':
        this.next();
        return { k: 'string', value: t.value, pos: t.pos };
      default:
        if (this.is('Bracket', '[')) return this.postfix(this.arrayLiteral());
        if (this.is('Bracket', '{')) return this.postfix(this.mapLiteral());
        throw this.fail(`unexpected token ${tokenString(t)}`);
    }
  }

  private numberLiteral(t: Token): Node {
    const text = t.value.replace(/_/g, '');
    // Messages carry strconv's wording, as expr's do.
    const strconvError = (kind: string, fn: string, why: string): ExprLangError =>
      this.fail(`invalid ${kind} literal: strconv.${fn}: parsing ${JSON.stringify(text)}: ${why}`, t);
    const MAX_INT = 0x7fffffffffffffffn;
    if (text.includes('x')) {
      if (!/^0[xX][0-9a-fA-F]+$/.test(text)) throw strconvError('hex', 'ParseInt', 'invalid syntax');
      if (BigInt(text) > MAX_INT) throw strconvError('hex', 'ParseInt', 'value out of range');
      return { k: 'int', value: BigInt(text), pos: t.pos };
    }
    if (/[.eE]/.test(text)) {
      if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text))
        throw strconvError('float', 'ParseFloat', 'invalid syntax');
      const value = Number(text);
      if (!Number.isFinite(value)) throw strconvError('float', 'ParseFloat', 'value out of range');
      return { k: 'float', value, pos: t.pos };
    }
    if (!/^\d+$/.test(text)) throw strconvError('integer', 'ParseInt', 'invalid syntax');
    if (BigInt(text) > MAX_INT) throw strconvError('integer', 'ParseInt', 'value out of range');
    return { k: 'int', value: BigInt(text), pos: t.pos };
  }

  private callOrIdentifier(t: Token): Node {
    if (!this.is('Bracket', '(')) return { k: 'ident', name: t.value, pos: t.pos };
    if (PREDICATES.has(t.value)) {
      this.expect('Bracket', '(');
      const args: Node[] = [this.expression(0)];
      this.expect('Operator', ',');
      args.push(this.closure());
      if (t.value === 'reduce' && this.is('Operator', ',')) {
        this.next();
        args.push(this.expression(0));
      }
      this.expect('Bracket', ')');
      return { k: 'builtin', name: t.value, args, pos: t.pos };
    }
    if (BUILTIN_NAMES.has(t.value))
      return { k: 'builtin', name: t.value, args: this.arguments(), pos: t.pos };
    return {
      k: 'call',
      callee: { k: 'ident', name: t.value, pos: t.pos },
      args: this.arguments(),
      pos: t.pos,
    };
  }

  private closure(): Node {
    const start = this.current;
    const braced = this.is('Bracket', '{');
    if (braced) this.next();
    this.closureDepth++;
    const node = this.expression(0);
    this.closureDepth--;
    if (braced) this.expect('Bracket', '}');
    return { k: 'closure', node, pos: start.pos };
  }

  private arguments(): Node[] {
    this.expect('Bracket', '(');
    const args: Node[] = [];
    while (!this.is('Bracket', ')')) {
      if (args.length > 0) this.expect('Operator', ',');
      args.push(this.expression(0));
    }
    this.expect('Bracket', ')');
    return args;
  }

  private arrayLiteral(): Node {
    const start = this.current;
    this.expect('Bracket', '[');
    const items: Node[] = [];
    while (!this.is('Bracket', ']')) {
      if (items.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', ']')) break; // trailing comma
      }
      items.push(this.expression(0));
    }
    this.expect('Bracket', ']');
    return { k: 'array', items, pos: start.pos };
  }

  private mapLiteral(): Node {
    const start = this.current;
    this.expect('Bracket', '{');
    const pairs: { key: Node; value: Node }[] = [];
    while (!this.is('Bracket', '}')) {
      if (pairs.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', '}')) break; // trailing comma
        if (this.is('Operator', ',')) throw this.fail(`unexpected token ${tokenString(this.current)}`);
      }
      let key: Node;
      const k = this.current;
      if (k.kind === 'Number' || k.kind === 'String' || k.kind === 'Identifier') {
        // Bare names and numbers are keys as written: {a: 1} and {1: 2} have keys "a" and "1".
        key = { k: 'string', value: k.value, pos: start.pos };
        this.next();
      } else if (this.is('Bracket', '(')) {
        key = this.expression(0);
      } else {
        throw this.fail(
          `a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${tokenString(k)})`,
        );
      }
      this.expect('Operator', ':');
      pairs.push({ key, value: this.expression(0) });
    }
    this.expect('Bracket', '}');
    return { k: 'map', pairs, pos: start.pos };
  }

  private postfix(node: Node): Node {
    let result = node;
    for (;;) {
      const t = this.current;
      if (t.kind !== 'Operator' && t.kind !== 'Bracket') return result;
      if (t.value === '.' || t.value === '?.') {
        this.next();
        const prop = this.current;
        this.next();
        if (prop.kind !== 'Identifier' && (prop.kind !== 'Operator' || !isValidIdentifier(prop.value))) {
          throw this.fail('expected name', prop);
        }
        const optional = t.value === '?.';
        const isChain = result.k === 'chain';
        const base = result.k === 'chain' ? result.node : result;
        let member: Node = {
          k: 'member',
          node: base,
          prop: { k: 'string', value: prop.value, pos: prop.pos },
          optional,
          pos: prop.pos,
        };
        if (this.is('Bracket', '('))
          member = { k: 'call', callee: member, args: this.arguments(), pos: prop.pos };
        result = isChain || optional ? { k: 'chain', node: member, pos: member.pos } : member;
      } else if (t.value === '[') {
        this.next();
        if (this.is('Operator', ':')) {
          this.next();
          const to = this.is('Bracket', ']') ? null : this.expression(0);
          this.expect('Bracket', ']');
          result = { k: 'slice', node: result, from: null, to, pos: t.pos };
        } else {
          const from = this.expression(0);
          if (this.is('Operator', ':')) {
            this.next();
            const to = this.is('Bracket', ']') ? null : this.expression(0);
            this.expect('Bracket', ']');
            result = { k: 'slice', node: result, from, to, pos: t.pos };
          } else {
            this.expect('Bracket', ']');
            result = { k: 'member', node: result, prop: from, optional: false, pos: t.pos };
          }
        }
      } else {
        return result;
      }
    }
  }

  private pipe(left: Node): Node {
    const name = this.current;
    this.expect('Identifier');
    if (PREDICATES.has(name.value)) {
      this.expect('Bracket', '(');
      const args: Node[] = [left, this.closure()];
      if (name.value === 'reduce' && this.is('Operator', ',')) {
        this.next();
        args.push(this.expression(0));
      }
      this.expect('Bracket', ')');
      return { k: 'builtin', name: name.value, args, pos: name.pos };
    }
    if (BUILTIN_NAMES.has(name.value)) {
      return { k: 'builtin', name: name.value, args: [left, ...this.arguments()], pos: name.pos };
    }
    return {
      k: 'call',
      callee: { k: 'ident', name: name.value, pos: name.pos },
      args: [left, ...this.arguments()],
      pos: name.pos,
    };
  }
}
