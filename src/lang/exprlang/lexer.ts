// expr-lang tokenizer (the antonmedv/expr v1.15 rules Argo Events builds with).

import { ExprLangError } from './errors.js';

export type TokenKind = 'Identifier' | 'Number' | 'String' | 'Operator' | 'Bracket' | 'EOF';

export interface Token {
  kind: TokenKind;
  value: string;
  /** 0-based UTF-16 offset of the token in the source */
  pos: number;
}

const WORD_OPERATORS = new Set(['in', 'or', 'and', 'matches', 'contains', 'startsWith', 'endsWith', 'let']);
const AFTER_NOT = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

const isSpace = (c: string): boolean => /^\p{White_Space}$/u.test(c);
export const isAlphabetic = (c: string): boolean => c === '_' || c === '$' || /^\p{L}$/u.test(c);
export const isAlphaNumeric = (c: string): boolean => isAlphabetic(c) || /^\p{Nd}$/u.test(c);
const isAsciiDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export function tokenString(t: Token): string {
  return t.value === '' ? t.kind : `${t.kind}(${JSON.stringify(t.value)})`;
}

export function lex(src: string): Token[] {
  return new Lexer(src).run();
}

class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly src: string) {}

  private fail(detail: string, at = this.pos): ExprLangError {
    return new ExprLangError(detail, this.src, at);
  }

  /** The code point at `at` as a string ('' at the end). */
  private charAt(at: number): string {
    const cp = this.src.codePointAt(at);
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  private emit(kind: TokenKind, value: string, start: number): void {
    this.tokens.push({ kind, value, pos: start });
  }

  run(): Token[] {
    const src = this.src;
    while (this.pos < src.length) {
      const start = this.pos;
      const c = this.charAt(start);
      if (isSpace(c)) {
        this.pos += c.length;
        continue;
      }
      if (c === '"' || c === "'") {
        this.pos++;
        this.emit('String', this.string(c, start), start);
      } else if (isAsciiDigit(c)) {
        this.number(start);
      } else if (c === '?') {
        this.pos++;
        const n = src[this.pos];
        if (n === '.' || n === '?') this.pos++;
        this.emit('Operator', src.slice(start, this.pos), start);
      } else if (c === '/') {
        this.slash(start);
      } else if (c === '#') {
        this.pos++;
        if (src[this.pos] === '#') this.pos++;
        this.emit('Operator', src.slice(start, this.pos), start);
        const nameStart = this.pos;
        while (this.pos < src.length && isAlphaNumeric(this.charAt(this.pos)))
          this.pos += this.charAt(this.pos).length;
        if (this.pos > nameStart) this.emit('Identifier', src.slice(nameStart, this.pos), nameStart);
      } else if (c === '|') {
        this.pos++;
        if (src[this.pos] === '|') this.pos++;
        this.emit('Operator', src.slice(start, this.pos), start);
      } else if ('([{)]}'.includes(c)) {
        this.pos++;
        this.emit('Bracket', c, start);
      } else if (',:;%+-^'.includes(c)) {
        this.pos++;
        this.emit('Operator', c, start);
      } else if ('&!=*<>'.includes(c)) {
        this.pos++;
        if ('&=*'.includes(src[this.pos] ?? 'x')) this.pos++;
        this.emit('Operator', src.slice(start, this.pos), start);
      } else if (c === '.') {
        if (isAsciiDigit(src[start + 1])) {
          this.number(start);
        } else {
          this.pos++;
          if (src[this.pos] === '.') this.pos++;
          this.emit('Operator', src.slice(start, this.pos), start);
        }
      } else if (isAlphaNumeric(c)) {
        this.identifier(start);
      } else {
        const cp = c.codePointAt(0)!;
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        throw this.fail(`unrecognized character: U+${hex} '${c}'`, start);
      }
    }
    this.tokens.push({ kind: 'EOF', value: '', pos: Math.max(0, src.length - 1) });
    return this.tokens;
  }

  private slash(start: number): void {
    const src = this.src;
    const n = src[start + 1];
    if (n === '/') {
      const end = src.indexOf('\n', start);
      this.pos = end < 0 ? src.length : end + 1;
    } else if (n === '*') {
      const end = src.indexOf('*/', start + 2);
      if (end < 0) throw this.fail('unclosed comment', src.length);
      this.pos = end + 2;
    } else {
      this.pos++;
      this.emit('Operator', '/', start);
    }
  }

  private identifier(start: number): void {
    const src = this.src;
    while (this.pos < src.length && isAlphaNumeric(this.charAt(this.pos)))
      this.pos += this.charAt(this.pos).length;
    const word = src.slice(start, this.pos);
    if (word === 'not') {
      this.emit('Operator', 'not', start);
      // `not in`, `not matches`... form one operator pair when the next word is one of them.
      let p = this.pos;
      while (src[p] === ' ') p++;
      let q = p;
      while (q < src.length && isAlphaNumeric(this.charAt(q))) q += this.charAt(q).length;
      const next = src.slice(p, q);
      if (AFTER_NOT.has(next)) {
        this.emit('Operator', next, p);
        this.pos = q;
      }
      return;
    }
    this.emit(WORD_OPERATORS.has(word) ? 'Operator' : 'Identifier', word, start);
  }

  private number(start: number): void {
    const src = this.src;
    let digits = /[0-9_]/;
    let p = start;
    if (src[p] === '0') {
      p++;
      const x = src[p];
      if (x === 'x' || x === 'X') {
        digits = /[0-9a-fA-F_]/;
        p++;
      } else if (x === 'o' || x === 'O') {
        digits = /[0-7_]/;
        p++;
      } else if (x === 'b' || x === 'B') {
        digits = /[01_]/;
        p++;
      }
    }
    while (p < src.length && digits.test(src[p]!)) p++;
    // A '.' followed by another '.' starts a range operator, not a fraction.
    if (src[p] === '.' && src[p + 1] !== '.') {
      p++;
      while (p < src.length && digits.test(src[p]!)) p++;
    }
    if (src[p] === 'e' || src[p] === 'E') {
      p++;
      if (src[p] === '+' || src[p] === '-') p++;
      while (p < src.length && digits.test(src[p]!)) p++;
    }
    if (p < src.length && isAlphaNumeric(this.charAt(p))) {
      const bad = src.slice(start, p + this.charAt(p).length);
      throw this.fail(`bad number syntax: ${JSON.stringify(bad)}`, p);
    }
    this.pos = p;
    this.emit('Number', src.slice(start, p), start);
  }

  /** Reads a quoted literal (the opening quote already consumed) and returns its value. */
  private string(quote: string, start: number): string {
    let out = '';
    for (;;) {
      const c = this.charAt(this.pos);
      if (c === '' || c === '\n') throw this.fail('literal not terminated', this.pos);
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (c !== '\\') {
        // expr normalises a carriage return in a literal to a newline.
        out += c === '\r' ? '\n' : c;
        this.pos += c.length;
        continue;
      }
      out += this.escape(quote, start);
    }
  }

  private escape(quote: string, start: number): string {
    const src = this.src;
    const at = this.pos;
    const e = src[at + 1] ?? '';
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (e in simple) {
      this.pos += 2;
      return simple[e]!;
    }
    if (e === quote) {
      this.pos += 2;
      return quote;
    }
    const sized = (n: number, re: RegExp, base: number): number => {
      const text = src.slice(at + 2, at + 2 + n);
      if (text.length < n || !re.test(text)) throw this.fail('invalid char escape', at + 2);
      this.pos = at + 2 + n;
      return parseInt(text, base);
    };
    let cp: number;
    if (e >= '0' && e <= '7') {
      const text = src.slice(at + 1, at + 4);
      if (!/^[0-7]{3}$/.test(text)) throw this.fail('invalid char escape', at + 1);
      // Three octal digits, and the first may only be 0-3 (at most \377).
      if (e > '3') throw this.fail('unable to unescape octal sequence in string', start);
      this.pos = at + 4;
      cp = parseInt(text, 8);
    } else if (e === 'x') {
      cp = sized(2, /^[0-9a-fA-F]{2}$/, 16);
    } else if (e === 'u') {
      cp = sized(4, /^[0-9a-fA-F]{4}$/, 16);
    } else if (e === 'U') {
      cp = sized(8, /^[0-9a-fA-F]{8}$/, 16);
    } else {
      throw this.fail('invalid char escape', at + 1);
    }
    if (cp > 0x10ffff) throw this.fail('unable to unescape string', start);
    // Go encodes a surrogate code point as the replacement character.
    return cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : String.fromCodePoint(cp);
  }
}
