// The checks govaluate runs on the token list before building the tree: balanced parentheses,
// allowed token sequences, and precompiling regex literals that follow =~ / !~.

import { compileGoRegexp, GoRegexp, GoRegexpSyntaxError } from '../goregexp/index.js';
import { GovaluateError } from './errors.js';
import type { Token } from './lexer.js';
import { canEndExpression, canFollow, type TokenKind } from './token-kinds.js';

/** A regex literal compiled once at parse time; `source` is what Go would print for it. */
export interface PatternLiteral {
  readonly regex: GoRegexp;
  readonly source: string;
}

export function isPatternLiteral(v: unknown): v is PatternLiteral {
  return typeof v === 'object' && v !== null && (v as { regex?: unknown }).regex instanceof GoRegexp;
}

export function checkBalance(tokens: Token[], src: string): void {
  const open: number[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'CLAUSE') {
      depth++;
      open.push(t.pos);
    } else if (t.kind === 'CLAUSE_CLOSE') {
      depth--;
      open.pop();
    }
  }
  if (depth !== 0) {
    const where = open.length > 0 ? open[open.length - 1]! : src.length;
    throw new GovaluateError('Unbalanced parenthesis', where, src);
  }
}

export function checkSyntax(tokens: Token[], src: string): void {
  let previous: TokenKind = 'UNKNOWN';
  let previousText = '<nil>';
  for (const t of tokens) {
    if (!canFollow(previous, t.kind)) {
      if (previous === 'VARIABLE' && t.kind === 'CLAUSE') {
        throw new GovaluateError(`Undefined function ${previousText}`, t.pos, src);
      }
      throw new GovaluateError(
        `Cannot transition token types from ${previous} [${previousText}] to ${t.kind} [${t.text}]`,
        t.pos,
        src,
      );
    }
    previous = t.kind;
    previousText = t.text;
  }
  if (!canEndExpression(previous)) throw new GovaluateError('Unexpected end of expression', src.length, src);
}

/** Turns the string right after =~ / !~ into a compiled pattern, as govaluate does at parse time. */
export function precompilePatterns(tokens: Token[], src: string): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'COMPARATOR' || (t.value !== '=~' && t.value !== '!~')) continue;
    const next = tokens[i + 1]!;
    if (next.kind !== 'STRING') continue;
    const source = next.value as string;
    try {
      const pattern: PatternLiteral = { regex: compileGoRegexp(source), source };
      tokens[i + 1] = { ...next, kind: 'PATTERN', value: pattern };
    } catch (e) {
      if (e instanceof GoRegexpSyntaxError) throw new GovaluateError(e.message, next.pos, src, { cause: e });
      throw e;
    }
  }
}
