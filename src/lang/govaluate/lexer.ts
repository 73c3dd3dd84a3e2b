// govaluate's tokenizer, rule for rule: the quirks are part of the language users wrote against
// (a run of symbol characters is one token, so `a==-1` is the invalid token '==-'; either quote
// character ends a string; a backslash makes the next character literal; a string literal that
// reads as a date becomes a number; `-` is a prefix only where a prefix may stand).

import { parseGovaluateDate } from './date-literal.js';
import { GovaluateError } from './errors.js';
import { canFollow, type TokenKind } from './token-kinds.js';

export type GovaluateFunction = (...args: unknown[]) => unknown;

export interface Token {
  kind: TokenKind;
  /** number for NUMERIC/TIME, boolean for BOOLEAN, the function for FUNCTION, path for ACCESSOR, else text */
  value: unknown;
  /** source text of the token's value, for messages */
  text: string;
  /** 0-based offset (in code points) where the token starts */
  pos: number;
}

const PREFIX_SYMBOLS = new Set(['-', '!', '~']);
const MODIFIER_SYMBOLS = new Set(['+', '-', '*', '/', '%', '**', '&', '|', '^', '>>', '<<']);
const LOGICAL_SYMBOLS = new Set(['&&', '||']);
const COMPARATOR_SYMBOLS = new Set(['==', '!=', '>', '>=', '<', '<=', '=~', '!~']);
const TERNARY_SYMBOLS = new Set(['?', ':', '??']);

const isSpace = (c: string): boolean => /^\p{White_Space}$/u.test(c);
const isLetter = (c: string): boolean => /^\p{L}$/u.test(c);
const isDigit = (c: string): boolean => /^\p{Nd}$/u.test(c);
const isNumeric = (c: string): boolean => c === '.' || isDigit(c);
const isHexDigit = (c: string): boolean => /^[0-9a-fA-F]$/.test(c) || isDigit(c);
const isQuote = (c: string): boolean => c === '"' || c === "'";
const isVariableChar = (c: string): boolean => c === '_' || c === '.' || isLetter(c) || isDigit(c);
const isSymbolChar = (c: string): boolean =>
  !(isDigit(c) || isLetter(c) || c === '(' || c === ')' || c === '[' || c === ']' || isQuote(c));

/** A cursor over code points, like govaluate's rune stream. */
class Stream {
  pos = 0;
  constructor(readonly chars: string[]) {}
  canRead(): boolean {
    return this.pos < this.chars.length;
  }
  read(): string {
    return this.chars[this.pos++] ?? '';
  }
  rewind(n: number): void {
    this.pos -= n;
  }
}

class TrailingBackslash extends Error {}

/**
 * Reads while `accept` holds. Whitespace either ends the token (breakOnSpace, once something was
 * read), is kept (keepSpace) or is skipped. Returns the text and whether a terminator was seen.
 */
function readWhile(
  s: Stream,
  keepSpace: boolean,
  breakOnSpace: boolean,
  accept: (c: string) => boolean,
): { text: string; terminated: boolean } {
  let text = '';
  while (s.canRead()) {
    let c = s.read();
    if (c === '\\') {
      // A trailing backslash has nothing to escape (govaluate itself crashes here).
      if (!s.canRead()) throw new TrailingBackslash();
      c = s.read();
      text += c;
      continue;
    }
    if (isSpace(c)) {
      if (breakOnSpace && text.length > 0) return { text, terminated: true };
      if (!keepSpace) continue;
    }
    if (accept(c)) {
      text += c;
    } else {
      s.rewind(1);
      return { text, terminated: true };
    }
  }
  return { text, terminated: false };
}

/** Re-reads from the current character on, stopping at whitespace. */
function readToken(s: Stream, accept: (c: string) => boolean): string {
  s.rewind(1);
  return readWhile(s, false, true, accept).text;
}

export function tokenize(src: string, functions: Readonly<Record<string, GovaluateFunction>>): Token[] {
  try {
    return tokenizeStream(src, functions);
  } catch (e) {
    if (!(e instanceof TrailingBackslash)) throw e;
    throw new GovaluateError('Trailing backslash: there is nothing left to escape', src.length - 1, src);
  }
}

function tokenizeStream(src: string, functions: Readonly<Record<string, GovaluateFunction>>): Token[] {
  const s = new Stream(Array.from(src));
  const tokens: Token[] = [];
  let previous: TokenKind = 'UNKNOWN';
  const fail = (detail: string, pos: number): GovaluateError => new GovaluateError(detail, pos, src);

  while (s.canRead()) {
    const c = s.read();
    if (isSpace(c)) continue;
    const pos = s.pos - 1;
    let token: Token;

    if (isNumeric(c)) {
      token = readNumber(s, c, pos, fail);
    } else if (c === ',') {
      token = { kind: 'SEPARATOR', value: ',', text: ',', pos };
    } else if (c === '[') {
      const { text, terminated } = readWhile(s, true, false, (ch) => ch !== ']');
      if (!terminated) throw fail('Unclosed parameter bracket', pos);
      s.pos++; // past ']'
      token = { kind: 'VARIABLE', value: text, text, pos };
    } else if (isLetter(c)) {
      token = readWord(s, pos, functions, fail);
    } else if (isQuote(c)) {
      const { text, terminated } = readWhile(s, true, false, (ch) => !isQuote(ch));
      if (!terminated) throw fail('Unclosed string literal', pos);
      s.pos++; // past the closing quote
      const unix = parseGovaluateDate(text);
      token =
        unix === undefined
          ? { kind: 'STRING', value: text, text, pos }
          : { kind: 'TIME', value: unix, text, pos };
    } else if (c === '(') {
      token = { kind: 'CLAUSE', value: '(', text: '(', pos };
    } else if (c === ')') {
      token = { kind: 'CLAUSE_CLOSE', value: ')', text: ')', pos };
    } else {
      const symbol = readToken(s, isSymbolChar);
      let kind: TokenKind;
      if (canFollow(previous, 'PREFIX') && PREFIX_SYMBOLS.has(symbol)) kind = 'PREFIX';
      else if (MODIFIER_SYMBOLS.has(symbol)) kind = 'MODIFIER';
      else if (LOGICAL_SYMBOLS.has(symbol)) kind = 'LOGICALOP';
      else if (COMPARATOR_SYMBOLS.has(symbol)) kind = 'COMPARATOR';
      else if (TERNARY_SYMBOLS.has(symbol)) kind = 'TERNARY';
      else throw fail(`Invalid token: '${symbol}'`, pos);
      token = { kind, value: symbol, text: symbol, pos };
    }
    tokens.push(token);
    previous = token.kind;
  }
  return tokens;
}

function readNumber(
  s: Stream,
  first: string,
  pos: number,
  fail: (detail: string, pos: number) => GovaluateError,
): Token {
  if (first === '0' && s.canRead()) {
    const next = s.read();
    if (next === 'x' && s.canRead()) {
      const hex = readWhile(s, false, true, isHexDigit).text;
      if (!/^[0-9a-fA-F]+$/.test(hex) || BigInt(`0x${hex}`) > 0xffffffffffffffffn) {
        throw fail(`Unable to parse hex value '${hex}' to uint64`, pos);
      }
      return { kind: 'NUMERIC', value: Number(BigInt(`0x${hex}`)), text: `0x${hex}`, pos };
    }
    s.rewind(1);
  }
  const text = readToken(s, isNumeric);
  // strconv.ParseFloat over digits and dots: "1.", ".5" are fine; ".", "1.2.3" and overflow are not.
  const value = /^(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) throw fail(`Unable to parse numeric value '${text}' to float64`, pos);
  return { kind: 'NUMERIC', value, text, pos };
}

function readWord(
  s: Stream,
  pos: number,
  functions: Readonly<Record<string, GovaluateFunction>>,
  fail: (detail: string, pos: number) => GovaluateError,
): Token {
  const word = readToken(s, isVariableChar);
  let token: Token = { kind: 'VARIABLE', value: word, text: word, pos };
  if (word === 'true' || word === 'false')
    token = { kind: 'BOOLEAN', value: word === 'true', text: word, pos };
  if (word === 'in' || word === 'IN') token = { kind: 'COMPARATOR', value: 'in', text: word, pos };
  if (Object.hasOwn(functions, word)) token = { kind: 'FUNCTION', value: functions[word], text: word, pos };
  if (word.indexOf('.') > 0) {
    if (word.endsWith('.')) throw fail(`Hanging accessor on token '${word}'`, pos);
    const path = word.split('.');
    for (const field of path.slice(1)) {
      const head = Array.from(field)[0] ?? '';
      // Go can only reach exported (upper-case) struct members.
      if (head.toUpperCase() !== head) {
        throw fail(`Unable to access unexported field '${field}' in token '${word}'`, pos);
      }
    }
    token = { kind: 'ACCESSOR', value: path, text: word, pos };
  }
  return token;
}
