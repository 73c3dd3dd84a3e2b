// Builds govaluate's evaluation tree from checked tokens. Precedence, loosest first:
//   ,   ? : ??   ||   &&   comparators (== != > >= < <= =~ !~ in)   & | ^   << >>   + -   * / %   **
//   then prefix - ! ~, then function calls / accessors / values.
// Every binary level is left-associative (govaluate reorders its right-leaning plan to get this),
// so 2 ** 3 ** 2 is 64 and prefixes bind tighter than ** (-2 ** 2 is 4).
// Like govaluate, parsing stops at the first token that continues nothing: `(1) 2` is 1, and the
// token after a parenthesised group is consumed as its closing parenthesis.

import { GovaluateError } from './errors.js';
import type { GovaluateFunction, Token } from './lexer.js';
import type { TokenKind } from './token-kinds.js';

export type GNode =
  | { t: 'literal'; value: unknown; pos: number }
  | { t: 'param'; name: string; pos: number }
  | { t: 'accessor'; path: string[]; args: GNode | null; pos: number }
  | { t: 'call'; fn: GovaluateFunction; name: string; arg: GNode | null; pos: number }
  | { t: 'group'; inner: GNode | null; pos: number }
  | { t: 'prefix'; op: string; operand: GNode | null; pos: number }
  | { t: 'binary'; op: string; left: GNode | null; right: GNode | null; pos: number };

interface Level {
  kind: TokenKind;
  ops: ReadonlySet<string>;
}

const LEVELS: Level[] = [
  { kind: 'SEPARATOR', ops: new Set([',']) },
  { kind: 'TERNARY', ops: new Set(['?', ':', '??']) },
  { kind: 'LOGICALOP', ops: new Set(['||']) },
  { kind: 'LOGICALOP', ops: new Set(['&&']) },
  { kind: 'COMPARATOR', ops: new Set(['==', '!=', '>', '>=', '<', '<=', '=~', '!~', 'in']) },
  { kind: 'MODIFIER', ops: new Set(['&', '|', '^']) },
  { kind: 'MODIFIER', ops: new Set(['<<', '>>']) },
  { kind: 'MODIFIER', ops: new Set(['+', '-']) },
  { kind: 'MODIFIER', ops: new Set(['*', '/', '%']) },
  { kind: 'MODIFIER', ops: new Set(['**']) },
];

export function parseTokens(tokens: Token[], src: string): GNode | null {
  return new Parser(tokens, src).parseAll();
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly src: string,
  ) {}

  parseAll(): GNode | null {
    return this.tokens.length === 0 ? null : this.level(0);
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private level(n: number): GNode | null {
    const level = LEVELS[n];
    if (!level) return this.functionCall();
    let left = this.level(n + 1);
    for (;;) {
      const t = this.peek();
      if (!t || t.kind !== level.kind || !level.ops.has(t.value as string)) return left;
      this.i++;
      const right = this.level(n + 1);
      left = { t: 'binary', op: t.value as string, left, right, pos: t.pos };
    }
  }

  private functionCall(): GNode | null {
    const t = this.peek();
    if (t?.kind !== 'FUNCTION') return this.accessor();
    this.i++;
    // The lexer guarantees a '(' follows; its group is the argument list.
    const arg = this.accessor();
    return { t: 'call', fn: t.value as GovaluateFunction, name: t.text, arg, pos: t.pos };
  }

  private accessor(): GNode | null {
    const t = this.peek();
    if (t?.kind !== 'ACCESSOR') return this.value();
    this.i++;
    // A method call's arguments: govaluate parses everything from '(' on as one expression.
    const args = this.peek()?.kind === 'CLAUSE' ? this.level(0) : null;
    return { t: 'accessor', path: t.value as string[], args, pos: t.pos };
  }

  private value(): GNode | null {
    const t = this.peek();
    if (!t) return null;
    this.i++;
    switch (t.kind) {
      case 'CLAUSE': {
        const inner = this.level(0);
        this.i++; // govaluate takes the next token to be ')' without looking
        return { t: 'group', inner, pos: t.pos };
      }
      case 'CLAUSE_CLOSE':
        // Empty group or argument list: nothing to evaluate here.
        this.i--;
        return null;
      case 'VARIABLE':
        return { t: 'param', name: t.value as string, pos: t.pos };
      case 'NUMERIC':
      case 'STRING':
      case 'PATTERN':
      case 'BOOLEAN':
      case 'TIME':
        return { t: 'literal', value: t.value, pos: t.pos };
      case 'PREFIX': {
        const operand = this.functionCall();
        return { t: 'prefix', op: t.value as string, operand, pos: t.pos };
      }
      default:
        throw new GovaluateError(
          `Unable to plan token kind: '${t.kind}', value: '${t.text}'`,
          t.pos,
          this.src,
        );
    }
  }
}
