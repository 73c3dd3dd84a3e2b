// Recursive-descent parser for jq with gojq's precedence table (loosest first):
//   `|` (right) · `,` (left) · `//` (right) · update ops `= |= += …` (non-assoc) · `or` · `and`
//   · comparisons (non-assoc) · `+ -` · `* / %` · unary minus · postfix terms.
// `expr as $x | body` binds everything left of it up to `,`/`|`; the body extends like a pipe.

import type { BinOp, FuncDef, Node, ObjectEntry, Pattern, UpdateOp } from './ast.js';
import { KEYWORDS, syntaxError, tokenize, type Token } from './lexer.js';

const UPDATE_OPS = new Set(['=', '|=', '+=', '-=', '*=', '/=', '%=', '//=']);
const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

export function parseJq(src: string): Node {
  return new Parser(src).parseProgram();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;

  constructor(private readonly src: string) {
    this.tokens = tokenize(src);
  }

  parseProgram(): Node {
    const first = this.peek();
    if (
      first.kind === 'ident' &&
      (first.text === 'module' || first.text === 'import' || first.text === 'include')
    ) {
      throw this.error(
        first,
        `"${first.text}" is not supported`,
        'modules cannot be loaded in Argo transforms',
      );
    }
    if (first.kind === 'eof') throw this.error(first, 'empty query', 'use "." for the identity');
    const node = this.parsePipe(false);
    const t = this.peek();
    if (t.kind !== 'eof') throw this.unexpected(t);
    return node;
  }

  // ---- token helpers ----

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private isPunct(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'punct' && t.text === text;
  }

  private isKeyword(text: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text === text;
  }

  private expectPunct(text: string, context: string): Token {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === text) return this.next();
    throw this.unexpected(t, `expected "${text}" ${context}`);
  }

  private expectKeyword(text: string, context: string): Token {
    const t = this.peek();
    if (t.kind === 'ident' && t.text === text) return this.next();
    throw this.unexpected(t, `expected "${text}" ${context}`);
  }

  private error(t: Token, what: string, hint?: string): Error {
    return syntaxError(this.src, t.start, what, hint);
  }

  private unexpected(t: Token, hint?: string): Error {
    if (t.kind === 'eof') return this.error(t, 'unexpected end of query', hint ?? 'the query is incomplete');
    const shown = this.src.slice(t.start, t.end);
    return this.error(t, `unexpected token ${JSON.stringify(shown)}`, hint);
  }

  // ---- precedence levels ----

  /** `nc` (no comma): inside object values, where `,` separates entries. */
  private parsePipe(nc: boolean): Node {
    const left = nc ? this.parseBindable(nc) : this.parseComma();
    if (this.isPunct('|')) {
      const at = this.next().start;
      return { type: 'pipe', at, left, right: this.parsePipe(nc) };
    }
    return left;
  }

  private parseComma(): Node {
    let left = this.parseBindable(false);
    while (this.isPunct(',')) {
      const at = this.next().start;
      left = { type: 'comma', at, left, right: this.parseBindable(false) };
    }
    return left;
  }

  /**
   * `expr as $pattern | body`. gojq binds the whole expression to the left (up to `,` or `|`),
   * so `1 + 2 as $x | $x` binds 3 — unlike jq, where `as` takes only the nearest term.
   */
  private parseBindable(nc: boolean): Node {
    const source = this.parseAlt(nc);
    // Object values are gojq `expr`s, where a binding is a syntax error.
    if (nc || !this.isKeyword('as')) return source;
    const at = this.next().start;
    const patterns = [this.parsePattern()];
    while (this.isPunct('?//')) {
      this.next();
      patterns.push(this.parsePattern());
    }
    this.expectPunct('|', 'after the variable binding (`… as $x | body`)');
    return { type: 'bind', at, source, patterns, body: this.parsePipe(nc) };
  }

  private parseAlt(nc: boolean): Node {
    const left = this.parseUpdate(nc);
    if (this.isPunct('//')) {
      const at = this.next().start;
      return { type: 'alt', at, left, right: this.parseAlt(nc) };
    }
    return left;
  }

  private parseUpdate(nc: boolean): Node {
    const left = this.parseOr(nc);
    const t = this.peek();
    if (t.kind === 'punct' && UPDATE_OPS.has(t.text)) {
      this.next();
      const right = this.parseOr(nc);
      const after = this.peek();
      if (after.kind === 'punct' && UPDATE_OPS.has(after.text)) {
        throw this.unexpected(after, 'assignment operators do not chain; use parentheses');
      }
      return { type: 'update', at: t.start, op: t.text as UpdateOp, left, right };
    }
    return left;
  }

  private parseOr(nc: boolean): Node {
    let left = this.parseAnd(nc);
    while (this.isKeyword('or')) {
      const at = this.next().start;
      left = { type: 'or', at, left, right: this.parseAnd(nc) };
    }
    return left;
  }

  private parseAnd(nc: boolean): Node {
    let left = this.parseCompare(nc);
    while (this.isKeyword('and')) {
      const at = this.next().start;
      left = { type: 'and', at, left, right: this.parseCompare(nc) };
    }
    return left;
  }

  private parseCompare(nc: boolean): Node {
    const left = this.parseAdditive(nc);
    const t = this.peek();
    if (t.kind === 'punct' && COMPARE_OPS.has(t.text)) {
      this.next();
      const right = this.parseAdditive(nc);
      const after = this.peek();
      if (after.kind === 'punct' && COMPARE_OPS.has(after.text)) {
        throw this.unexpected(after, 'comparisons do not chain; combine them with "and"');
      }
      return { type: 'binop', at: t.start, op: t.text as BinOp, left, right };
    }
    return left;
  }

  private parseAdditive(nc: boolean): Node {
    let left = this.parseMultiplicative(nc);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || (t.text !== '+' && t.text !== '-')) return left;
      this.next();
      left = { type: 'binop', at: t.start, op: t.text, left, right: this.parseMultiplicative(nc) };
    }
  }

  private parseMultiplicative(_nc: boolean): Node {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || (t.text !== '*' && t.text !== '/' && t.text !== '%')) return left;
      this.next();
      left = { type: 'binop', at: t.start, op: t.text as BinOp, left, right: this.parseUnary() };
    }
  }

  private parseUnary(): Node {
    const t = this.peek();
    if (t.kind === 'punct' && (t.text === '-' || t.text === '+')) {
      this.next();
      const numText = this.peek().kind === 'num' ? this.peek().text : null;
      const operand = this.parseUnary();
      if (t.text === '+') return operand;
      // Constant-fold literal numbers. gojq reads `-0` as the integer 0 but `-0.0` as float -0.
      if (operand.type === 'literal' && typeof operand.value === 'number') {
        const isInt = numText !== null && !/[.eE]/.test(numText);
        return { type: 'literal', at: t.start, value: operand.value === 0 && isInt ? 0 : -operand.value };
      }
      return { type: 'neg', at: t.start, operand };
    }
    return this.parsePostfix();
  }

  // ---- terms ----

  private parsePostfix(): Node {
    let node = this.parsePrimary();
    // The node before the most recent suffix, and a way to re-apply that suffix to `.`:
    // gojq compiles `x.s?` as `x | try (. s)`, so `?` only guards the last suffix.
    let beforeLast: Node | null = null;
    let lastSuffix: ((target: Node) => Node) | null = null;
    for (;;) {
      const t = this.peek();
      let suffix: ((target: Node) => Node) | null = null;
      if (t.kind === 'field') {
        this.next();
        const key: Node = { type: 'literal', at: t.start, value: t.text };
        suffix = (target) => ({ type: 'index', at: t.start, target, key });
      } else if (
        t.kind === 'punct' &&
        t.text === '.' &&
        (this.peek(1).kind === 'str' || this.peek(1).kind === 'strStart')
      ) {
        this.next();
        const key = this.parseString(null);
        suffix = (target) => ({ type: 'index', at: t.start, target, key });
      } else if (t.kind === 'punct' && t.text === '.' && this.isPunct('[', 1)) {
        this.next();
        suffix = this.parseBracketSuffix();
      } else if (t.kind === 'punct' && t.text === '[') {
        suffix = this.parseBracketSuffix();
      } else if (t.kind === 'punct' && t.text === '?') {
        this.next();
        if (beforeLast && lastSuffix) {
          const identity: Node = { type: 'identity', at: t.start };
          node = {
            type: 'pipe',
            at: t.start,
            left: beforeLast,
            right: { type: 'try', at: t.start, body: lastSuffix(identity), handler: null },
          };
        } else {
          node = { type: 'try', at: t.start, body: node, handler: null };
        }
        beforeLast = null;
        lastSuffix = null;
        continue;
      } else {
        return node;
      }
      beforeLast = node;
      lastSuffix = suffix;
      node = suffix(node);
    }
  }

  /** Parses `[…]` (the current token is `[`) and returns a function applying it to a target. */
  private parseBracketSuffix(): (target: Node) => Node {
    const open = this.expectPunct('[', 'to start an index');
    const at = open.start;
    if (this.isPunct(']')) {
      this.next();
      return (target) => ({ type: 'iterate', at, target });
    }
    if (this.isPunct(':')) {
      this.next();
      const to = this.parsePipe(false);
      this.expectPunct(']', 'to close the slice');
      return (target) => ({ type: 'slice', at, target, from: null, to });
    }
    const first = this.parsePipe(false);
    if (this.isPunct(':')) {
      this.next();
      if (this.isPunct(']')) {
        this.next();
        return (target) => ({ type: 'slice', at, target, from: first, to: null });
      }
      const to = this.parsePipe(false);
      this.expectPunct(']', 'to close the slice');
      return (target) => ({ type: 'slice', at, target, from: first, to });
    }
    this.expectPunct(']', 'to close the index');
    return (target) => ({ type: 'index', at, target, key: first });
  }

  private parsePrimary(): Node {
    const t = this.peek();
    const at = t.start;
    switch (t.kind) {
      case 'num':
        this.next();
        return { type: 'literal', at, value: Number(t.text) };
      case 'str':
      case 'strStart':
        return this.parseString(null);
      case 'format': {
        this.next();
        const n = this.peek();
        if (n.kind === 'str' || n.kind === 'strStart') return this.parseString(t.text);
        return { type: 'format', at, name: t.text };
      }
      case 'field':
        this.next();
        return {
          type: 'index',
          at,
          target: { type: 'identity', at },
          key: { type: 'literal', at, value: t.text },
        };
      case 'var':
        this.next();
        return { type: 'var', at, name: t.text };
      case 'ident':
        return this.parseIdentTerm();
      case 'punct':
        break;
      default:
        throw this.unexpected(t);
    }
    switch (t.text) {
      case '.': {
        this.next();
        const n = this.peek();
        if (n.kind === 'str' || n.kind === 'strStart') {
          const key = this.parseString(null);
          return { type: 'index', at, target: { type: 'identity', at }, key };
        }
        return { type: 'identity', at };
      }
      case '..':
        this.next();
        return { type: 'recurseDefault', at };
      case '(': {
        this.next();
        const inner = this.parsePipe(false);
        this.expectPunct(')', 'to close the parenthesis');
        return inner;
      }
      case '[': {
        this.next();
        if (this.isPunct(']')) {
          this.next();
          return { type: 'array', at, body: null };
        }
        const body = this.parsePipe(false);
        this.expectPunct(']', 'to close the array');
        return { type: 'array', at, body };
      }
      case '{':
        return this.parseObject();
      default:
        throw this.unexpected(t);
    }
  }

  private parseIdentTerm(): Node {
    const t = this.next();
    const at = t.start;
    switch (t.text) {
      case 'null':
        return { type: 'literal', at, value: null };
      case 'true':
        return { type: 'literal', at, value: true };
      case 'false':
        return { type: 'literal', at, value: false };
      case 'if':
        return this.parseIf(at);
      case 'try': {
        const body = this.parseUnary();
        let handler: Node | null = null;
        if (this.isKeyword('catch')) {
          this.next();
          handler = this.parseUnary();
        }
        return { type: 'try', at, body, handler };
      }
      case 'reduce':
      case 'foreach':
        return this.parseFold(t.text, at);
      case 'label': {
        const name = this.peek();
        if (name.kind !== 'var') throw this.unexpected(name, 'expected a label name like $out');
        this.next();
        this.expectPunct('|', 'after the label name (`label $out | …`)');
        return { type: 'label', at, name: name.text, body: this.parsePipe(false) };
      }
      case 'break': {
        const name = this.peek();
        if (name.kind !== 'var') throw this.unexpected(name, 'expected a label name like $out');
        this.next();
        return { type: 'break', at, name: name.text };
      }
      case 'def': {
        const def = this.parseFuncDefAfterKeyword(at);
        return { type: 'funcDef', at, def, rest: this.parsePipe(false) };
      }
      default:
        break;
    }
    if (KEYWORDS.has(t.text)) throw this.unexpected(t);
    const args: Node[] = [];
    if (this.isPunct('(')) {
      this.next();
      args.push(this.parsePipe(false));
      while (this.isPunct(';')) {
        this.next();
        args.push(this.parsePipe(false));
      }
      this.expectPunct(')', `to close the arguments of ${t.text}`);
    }
    return { type: 'call', at, name: t.text, args };
  }

  private parseIf(at: number): Node {
    const cond = this.parsePipe(false);
    this.expectKeyword('then', 'after the if condition');
    const then = this.parsePipe(false);
    let otherwise: Node | null = null;
    if (this.isKeyword('elif')) {
      const elifAt = this.next().start;
      otherwise = this.parseIf(elifAt);
      return { type: 'if', at, cond, then, otherwise };
    }
    if (this.isKeyword('else')) {
      this.next();
      otherwise = this.parsePipe(false);
    }
    this.expectKeyword('end', 'to close the if');
    return { type: 'if', at, cond, then, otherwise };
  }

  private parseFold(kind: 'reduce' | 'foreach', at: number): Node {
    const source = this.parseAlt(false);
    this.expectKeyword('as', `after the ${kind} source (\`${kind} .[] as $x (…)\`)`);
    const pattern = this.parsePattern();
    this.expectPunct('(', `to open the ${kind} state`);
    const init = this.parsePipe(false);
    this.expectPunct(';', `between the ${kind} init and update`);
    const update = this.parsePipe(false);
    let extract: Node | null = null;
    if (kind === 'foreach' && this.isPunct(';')) {
      this.next();
      extract = this.parsePipe(false);
    }
    this.expectPunct(')', `to close the ${kind}`);
    if (kind === 'reduce') return { type: 'reduce', at, source, pattern, init, update };
    return { type: 'foreach', at, source, pattern, init, update, extract };
  }

  private parseFuncDefAfterKeyword(at: number): FuncDef {
    const name = this.peek();
    if (name.kind !== 'ident') throw this.unexpected(name, 'expected a function name after def');
    if (KEYWORDS.has(name.text))
      throw this.error(name, `cannot use keyword "${name.text}" as a function name`);
    this.next();
    const params: string[] = [];
    if (this.isPunct('(')) {
      this.next();
      for (;;) {
        const p = this.next();
        if (p.kind === 'ident' && !KEYWORDS.has(p.text)) params.push(p.text);
        else if (p.kind === 'var') params.push('$' + p.text);
        else throw this.unexpected(p, 'expected a parameter name');
        if (this.isPunct(';')) {
          this.next();
          continue;
        }
        this.expectPunct(')', 'to close the parameter list');
        break;
      }
    }
    this.expectPunct(':', `after "def ${name.text}"`);
    const body = this.parsePipe(false);
    this.expectPunct(';', `to end the definition of ${name.text}`);
    return { name: name.text, params, body, at };
  }

  private parseString(format: string | null): Node {
    const t = this.next();
    if (t.kind === 'str') {
      if (format === null) return { type: 'literal', at: t.start, value: t.text };
      return { type: 'string', at: t.start, parts: [t.text], format };
    }
    const parts: (string | Node)[] = [];
    if (t.text) parts.push(t.text);
    for (;;) {
      parts.push(this.parsePipe(false));
      const n = this.next();
      if (n.kind === 'strMid') {
        if (n.text) parts.push(n.text);
        continue;
      }
      if (n.kind === 'strEnd') {
        if (n.text) parts.push(n.text);
        break;
      }
      throw this.unexpected(n, 'expected ")" to close the string interpolation');
    }
    return { type: 'string', at: t.start, parts, format };
  }

  private parseObject(): Node {
    const open = this.next();
    const entries: ObjectEntry[] = [];
    while (!this.isPunct('}')) {
      entries.push(this.parseObjectEntry());
      if (this.isPunct(',')) {
        this.next();
        continue;
      }
      if (!this.isPunct('}')) throw this.unexpected(this.peek(), 'expected "," or "}" in the object');
    }
    this.next();
    return { type: 'object', at: open.start, entries };
  }

  private parseObjectEntry(): ObjectEntry {
    const t = this.peek();
    const at = t.start;
    const identity: Node = { type: 'identity', at };
    let key: Node;
    let shorthand: Node;
    if (t.kind === 'var') {
      this.next();
      const variable: Node = { type: 'var', at, name: t.text };
      if (this.isPunct(':')) {
        // gojq reads `{$x: v}` as `{($x): v}`.
        this.next();
        return { key: variable, value: this.parseObjectValue() };
      }
      return { key: { type: 'literal', at, value: t.text }, value: variable };
    }
    if (t.kind === 'ident') {
      this.next();
      key = { type: 'literal', at, value: t.text };
      shorthand = { type: 'index', at, target: identity, key };
    } else if (t.kind === 'str' || t.kind === 'strStart') {
      key = this.parseString(null);
      shorthand = { type: 'index', at, target: identity, key };
    } else if (t.kind === 'punct' && t.text === '(') {
      this.next();
      key = this.parsePipe(false);
      this.expectPunct(')', 'to close the computed key');
      this.expectPunct(':', 'after a computed key (`{(expr): value}`)');
      return { key, value: this.parseObjectValue() };
    } else {
      throw this.unexpected(t, 'expected an object key');
    }
    if (this.isPunct(':')) {
      this.next();
      return { key, value: this.parseObjectValue() };
    }
    return { key, value: shorthand };
  }

  private parseObjectValue(): Node {
    return this.parsePipe(true);
  }

  private parsePattern(): Pattern {
    const t = this.next();
    if (t.kind === 'var') return { type: 'var', name: t.text, at: t.start };
    if (t.kind === 'punct' && t.text === '[') {
      const elements: Pattern[] = [this.parsePattern()];
      while (this.isPunct(',')) {
        this.next();
        elements.push(this.parsePattern());
      }
      this.expectPunct(']', 'to close the array pattern');
      return { type: 'array', elements, at: t.start };
    }
    if (t.kind === 'punct' && t.text === '{') {
      const entries: { key: Node; keyVar: string | null; value: Pattern | null }[] = [];
      for (;;) {
        const k = this.peek();
        if (k.kind === 'var') {
          this.next();
          let value: Pattern | null = null;
          if (this.isPunct(':')) {
            this.next();
            value = this.parsePattern();
          }
          entries.push({ key: { type: 'literal', at: k.start, value: k.text }, keyVar: k.text, value });
        } else {
          let key: Node;
          if (k.kind === 'ident') {
            this.next();
            key = { type: 'literal', at: k.start, value: k.text };
          } else if (k.kind === 'str' || k.kind === 'strStart') {
            key = this.parseString(null);
          } else if (k.kind === 'punct' && k.text === '(') {
            this.next();
            key = this.parsePipe(false);
            this.expectPunct(')', 'to close the computed key');
          } else {
            throw this.unexpected(k, 'expected an object pattern key');
          }
          this.expectPunct(':', 'after an object pattern key');
          entries.push({ key, keyVar: null, value: this.parsePattern() });
        }
        if (this.isPunct(',')) {
          this.next();
          continue;
        }
        this.expectPunct('}', 'to close the object pattern');
        break;
      }
      return { type: 'object', entries, at: t.start };
    }
    throw this.unexpected(t, 'expected a pattern: $name, [$a, $b] or {key: $v}');
  }
}
