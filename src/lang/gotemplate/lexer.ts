// Tokenizer mirroring text/template/parse/lex.go: same token kinds, trim markers ("{{- ", " -}}"),
// comment rules and error texts, so parse errors read like Go's.

export enum Tok {
  Error,
  Bool,
  Char,
  CharConstant,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // keywords
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Token {
  t: Tok;
  /** JS string index of the token start. */
  pos: number;
  val: string;
}

const KEYWORDS = new Map<string, Tok>(
  Object.entries({
    '.': Tok.Dot,
    block: Tok.Block,
    break: Tok.Break,
    continue: Tok.Continue,
    define: Tok.Define,
    else: Tok.Else,
    end: Tok.End,
    if: Tok.If,
    range: Tok.Range,
    nil: Tok.Nil,
    template: Tok.Template,
    with: Tok.With,
  }),
);

const LEFT = '{{';
const RIGHT = '}}';

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

const ALNUM = /[\p{L}\p{Nd}_]/u;

function isAlphaNumeric(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 0x80) {
    return (
      c === '_' || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
    );
  }
  return ALNUM.test(c);
}

function hasLeftTrimMarker(s: string, i: number): boolean {
  return s[i] === '-' && isSpace(s[i + 1]);
}

function hasRightTrimMarker(s: string, i: number): boolean {
  return isSpace(s[i]) && s[i + 1] === '-';
}

/** `%#U` rendering of a character, used in Go's lexer errors. */
function runeDesc(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

/** Tokenizes a whole template; lexing stops at the first error token. */
export function lex(input: string, opts: { breakOK: boolean; continueOK: boolean }): Token[] {
  const toks: Token[] = [];
  let pos = 0;
  let parenDepth = 0;
  let insideAction = false;

  const emit = (t: Tok, start: number, val: string): void => {
    toks.push({ t, pos: start, val });
  };
  const fail = (start: number, msg: string): Token[] => {
    toks.push({ t: Tok.Error, pos: start, val: msg });
    return toks;
  };
  /** Index just past the closing `quote` of a quoted literal opening at `open`; -1 when a line
   *  break or the end of input comes first (escapes may not cross lines either). */
  const quotedEnd = (open: number, quote: string): number => {
    let p = open + 1;
    for (;;) {
      const ch = input[p];
      if (ch === '\\') {
        const n = input[p + 1];
        if (n === undefined || n === '\n') return -1;
        p += 2;
        continue;
      }
      if (ch === undefined || ch === '\n') return -1;
      p++;
      if (ch === quote) return p;
    }
  };
  const charAt = (i: number): string | undefined => {
    if (i >= input.length) return undefined;
    const cp = input.codePointAt(i)!;
    return String.fromCodePoint(cp);
  };
  const atRightDelim = (i: number): { delim: boolean; trim: boolean } => {
    if (hasRightTrimMarker(input, i) && input.startsWith(RIGHT, i + 2)) return { delim: true, trim: true };
    if (input.startsWith(RIGHT, i)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  };
  const atTerminator = (i: number): boolean => {
    const c = input[i];
    if (c === undefined || isSpace(c)) return true;
    if (c === '.' || c === ',' || c === '|' || c === ':' || c === ')' || c === '(') return true;
    return input.startsWith(RIGHT, i);
  };
  const skipSpaces = (i: number): number => {
    while (i < input.length && isSpace(input[i])) i++;
    return i;
  };

  // Bounded: every iteration consumes at least one character or ends.
  while (true) {
    if (!insideAction) {
      const x = input.indexOf(LEFT, pos);
      if (x < 0) {
        if (pos < input.length) emit(Tok.Text, pos, input.slice(pos));
        emit(Tok.EOF, input.length, '');
        return toks;
      }
      let textEnd = x;
      if (hasLeftTrimMarker(input, x + LEFT.length)) {
        while (textEnd > pos && isSpace(input[textEnd - 1])) textEnd--;
      }
      if (textEnd > pos) emit(Tok.Text, pos, input.slice(pos, textEnd));
      // left delimiter
      let p = x + LEFT.length;
      const trimLeft = hasLeftTrimMarker(input, p);
      const after = trimLeft ? 2 : 0;
      if (input.startsWith('/*', p + after)) {
        const commentStart = p + after + 2;
        const end = input.indexOf('*/', commentStart);
        if (end < 0) return fail(x, 'unclosed comment');
        p = end + 2;
        const rd = atRightDelim(p);
        if (!rd.delim) return fail(x, 'comment ends before closing delimiter');
        p += (rd.trim ? 2 : 0) + RIGHT.length;
        if (rd.trim) p = skipSpaces(p);
        pos = p;
        continue;
      }
      emit(Tok.LeftDelim, x, LEFT);
      insideAction = true;
      parenDepth = 0;
      pos = p + after;
      continue;
    }

    // inside an action
    const rd = atRightDelim(pos);
    if (rd.delim) {
      if (parenDepth !== 0) return fail(pos, 'unclosed left paren');
      let p = pos + (rd.trim ? 2 : 0);
      emit(Tok.RightDelim, p, RIGHT);
      p += RIGHT.length;
      if (rd.trim) p = skipSpaces(p);
      pos = p;
      insideAction = false;
      continue;
    }
    const start = pos;
    const c = input[pos];
    if (c === undefined) return fail(start, 'unclosed action');
    if (isSpace(c)) {
      let p = pos;
      while (isSpace(input[p])) p++;
      // " -}}": leave the last space for the delimiter check.
      if (hasRightTrimMarker(input, p - 1) && input.startsWith(RIGHT, p + 1)) {
        p--;
        if (p === start) {
          pos = p;
          continue;
        }
      }
      emit(Tok.Space, start, input.slice(start, p));
      pos = p;
      continue;
    }
    switch (c) {
      case '=':
        emit(Tok.Assign, start, '=');
        pos++;
        continue;
      case ':':
        if (input[pos + 1] !== '=') return fail(start, 'expected :=');
        emit(Tok.Declare, start, ':=');
        pos += 2;
        continue;
      case '|':
        emit(Tok.Pipe, start, '|');
        pos++;
        continue;
      case '"': {
        const p = quotedEnd(pos, '"');
        if (p < 0) return fail(start, 'unterminated quoted string');
        emit(Tok.String, start, input.slice(start, p));
        pos = p;
        continue;
      }
      case '`': {
        const end = input.indexOf('`', pos + 1);
        if (end < 0) return fail(start, 'unterminated raw quoted string');
        emit(Tok.RawString, start, input.slice(start, end + 1));
        pos = end + 1;
        continue;
      }
      case '$': {
        let p = pos + 1;
        if (!atTerminator(p)) {
          while (isAlphaNumeric(charAt(p))) p += charAt(p)!.length;
          if (!atTerminator(p)) return fail(start, `bad character ${runeDesc(charAt(p)!)}`);
        }
        emit(Tok.Variable, start, input.slice(start, p));
        pos = p;
        continue;
      }
      case "'": {
        const p = quotedEnd(pos, "'");
        if (p < 0) return fail(start, 'unterminated character constant');
        emit(Tok.CharConstant, start, input.slice(start, p));
        pos = p;
        continue;
      }
      case '(':
        parenDepth++;
        emit(Tok.LeftParen, start, '(');
        pos++;
        continue;
      case ')':
        parenDepth--;
        if (parenDepth < 0) return fail(start, 'unexpected right paren');
        emit(Tok.RightParen, start, ')');
        pos++;
        continue;
    }
    if (c === '.') {
      const n = input[pos + 1];
      if (n === undefined || n < '0' || n > '9') {
        // field or dot
        let p = pos + 1;
        if (atTerminator(p)) {
          emit(Tok.Dot, start, '.');
          pos = p;
          continue;
        }
        while (isAlphaNumeric(charAt(p))) p += charAt(p)!.length;
        if (!atTerminator(p)) return fail(start, `bad character ${runeDesc(charAt(p)!)}`);
        emit(Tok.Field, start, input.slice(start, p));
        pos = p;
        continue;
      }
    }
    if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      const r = scanNumber(input, pos);
      if (!r.ok) return fail(start, `bad number syntax: ${JSON.stringify(input.slice(start, r.end))}`);
      let p = r.end;
      const sign = input[p];
      if (sign === '+' || sign === '-') {
        const r2 = scanNumber(input, p);
        if (!r2.ok || input[r2.end - 1] !== 'i') {
          return fail(start, `bad number syntax: ${JSON.stringify(input.slice(start, r2.end))}`);
        }
        p = r2.end;
        emit(Tok.Complex, start, input.slice(start, p));
        pos = p;
        continue;
      }
      emit(Tok.Number, start, input.slice(start, p));
      pos = p;
      continue;
    }
    const ch = charAt(pos)!;
    if (isAlphaNumeric(ch)) {
      let p = pos;
      while (isAlphaNumeric(charAt(p))) p += charAt(p)!.length;
      const word = input.slice(start, p);
      if (!atTerminator(p)) return fail(start, `bad character ${runeDesc(charAt(p)!)}`);
      const kw = KEYWORDS.get(word);
      if (kw !== undefined && word !== '.') {
        if ((kw === Tok.Break && !opts.breakOK) || (kw === Tok.Continue && !opts.continueOK)) {
          emit(Tok.Identifier, start, word);
        } else emit(kw, start, word);
      } else if (word === 'true' || word === 'false') emit(Tok.Bool, start, word);
      else emit(Tok.Identifier, start, word);
      pos = p;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code <= 0x7f && code >= 0x20 && code !== 0x7f) {
      emit(Tok.Char, start, ch);
      pos++;
      continue;
    }
    return fail(start, `unrecognized character in action: ${runeDesc(ch)}`);
  }
}

function scanNumber(s: string, i: number): { ok: boolean; end: number } {
  const accept = (valid: string): boolean => {
    const c = s[i];
    if (c !== undefined && valid.includes(c)) {
      i++;
      return true;
    }
    return false;
  };
  const acceptRun = (valid: string): void => {
    while (s[i] !== undefined && valid.includes(s[i]!)) i++;
  };
  accept('+-');
  let digits = '0123456789_';
  if (accept('0')) {
    if (accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (accept('oO')) digits = '01234567_';
    else if (accept('bB')) digits = '01_';
  }
  acceptRun(digits);
  if (accept('.')) acceptRun(digits);
  if (digits.length === 11 && accept('eE')) {
    accept('+-');
    acceptRun('0123456789_');
  }
  if (digits.length === 23 && accept('pP')) {
    accept('+-');
    acceptRun('0123456789_');
  }
  accept('i');
  const next = s[i];
  if (next !== undefined && isAlphaNumeric(String.fromCodePoint(s.codePointAt(i)!))) {
    return { ok: false, end: i + 1 };
  }
  return { ok: true, end: i };
}
