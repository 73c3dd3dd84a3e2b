// Tokenizer for jq source, following gojq's lexical rules (the dialect Argo Events runs):
// `.foo` is one token, `.5` is a number, `"…\(q)…"` splits into string-part tokens around the
// interpolated query, `#` comments run to end of line (a backslash continues them).

import { JqError } from './errors.js';

type TokenKind =
  | 'ident' // name or keyword (see KEYWORDS)
  | 'field' // .name
  | 'var' // $name
  | 'format' // @name
  | 'num'
  | 'str' // complete string literal without interpolation
  | 'strStart' // text before the first \( of an interpolated string
  | 'strMid' // text between two interpolations
  | 'strEnd' // text after the last interpolation
  | 'punct'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text for punctuation / identifiers; decoded text for string parts; name for field/var/format. */
  text: string;
  start: number;
  end: number;
}

export const KEYWORDS = new Set([
  'or',
  'and',
  'module',
  'import',
  'include',
  'def',
  'as',
  'label',
  'break',
  'null',
  'true',
  'false',
  'if',
  'then',
  'elif',
  'else',
  'end',
  'try',
  'catch',
  'reduce',
  'foreach',
]);

// Longest first, so `//=` wins over `//` and `/`.
const PUNCTUATORS = [
  '?//',
  '//=',
  '|=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '==',
  '!=',
  '<=',
  '>=',
  '//',
  '..',
  '.',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  '|',
  ',',
  ':',
  ';',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
];

function describePosition(src: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < src.length; i++) {
    if (src[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

export function syntaxError(src: string, offset: number, what: string, hint?: string): JqError {
  const where = describePosition(src, offset);
  return new JqError(
    `jq syntax error at ${where} (offset ${offset}): ${what}${hint ? `; ${hint}` : ''}`,
    offset,
  );
}

const isIdentStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentPart = (c: string | undefined): boolean => isIdentStart(c) || isDigit(c);
const isHex = (c: string | undefined): boolean =>
  c !== undefined && (isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  // One entry per open interpolation: how many plain `(` are open inside it.
  const interpolations: number[] = [];

  const scanIdent = (from: number): number => {
    let i = from;
    while (isIdentPart(src[i])) i++;
    if (src[i] === ':' && src[i + 1] === ':' && isIdentStart(src[i + 2])) {
      throw syntaxError(
        src,
        from,
        'module references (name::name) are not supported',
        'imports and modules are unavailable in Argo transforms',
      );
    }
    return i;
  };

  const scanNumber = (from: number): number => {
    let i = from;
    while (isDigit(src[i])) i++;
    if (src[i] === '.') {
      i++;
      while (isDigit(src[i])) i++;
    }
    if (src[i] === 'e' || src[i] === 'E') {
      i++;
      if (src[i] === '+' || src[i] === '-') i++;
      if (!isDigit(src[i]))
        throw syntaxError(src, from, `invalid number ${JSON.stringify(src.slice(from, i + 1))}`);
      while (isDigit(src[i])) i++;
    }
    if (isIdentStart(src[i]) || src[i] === '.') {
      throw syntaxError(src, from, `invalid token ${JSON.stringify(src.slice(from, i + 1))}`);
    }
    return i;
  };

  // Scans string text from `from` (just after `"` or after the `)` closing an interpolation).
  const scanStringPart = (from: number, startKind: 'str' | 'mid', tokenStart: number): void => {
    let text = '';
    let i = from;
    for (;;) {
      if (i >= src.length)
        throw syntaxError(src, tokenStart, 'unterminated string literal', 'add the closing "');
      const c = src[i]!;
      if (c === '"') {
        tokens.push({ kind: startKind === 'str' ? 'str' : 'strEnd', text, start: tokenStart, end: i + 1 });
        pos = i + 1;
        return;
      }
      if (c !== '\\') {
        text += c;
        i++;
        continue;
      }
      const e = src[i + 1];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          text += e;
          i += 2;
          continue;
        case 'b':
          text += '\b';
          i += 2;
          continue;
        case 'f':
          text += '\f';
          i += 2;
          continue;
        case 'n':
          text += '\n';
          i += 2;
          continue;
        case 'r':
          text += '\r';
          i += 2;
          continue;
        case 't':
          text += '\t';
          i += 2;
          continue;
        case 'u': {
          const hex = src.slice(i + 2, i + 6);
          if (hex.length < 4 || ![...hex].every(isHex)) {
            throw syntaxError(
              src,
              i,
              `invalid escape sequence ${JSON.stringify(src.slice(i, i + 2 + hex.length))} in string literal`,
            );
          }
          text += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        case '(':
          tokens.push({
            kind: startKind === 'str' ? 'strStart' : 'strMid',
            text: fixSurrogates(text),
            start: tokenStart,
            end: i + 2,
          });
          interpolations.push(0);
          pos = i + 2;
          return;
        default:
          throw syntaxError(
            src,
            i,
            `invalid escape sequence ${JSON.stringify(src.slice(i, i + 2))} in string literal`,
          );
      }
    }
  };

  while (pos < src.length) {
    const c = src[pos]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      pos++;
      continue;
    }
    if (c === '#') {
      while (pos < src.length && src[pos] !== '\n' && src[pos] !== '\r') {
        if (src[pos] === '\\' && (src[pos + 1] === '\n' || src[pos + 1] === '\\')) pos += 2;
        else if (src[pos] === '\\' && src[pos + 1] === '\r') pos += src[pos + 2] === '\n' ? 3 : 2;
        else pos++;
      }
      continue;
    }
    const start = pos;
    if (isIdentStart(c)) {
      const end = scanIdent(pos);
      tokens.push({ kind: 'ident', text: src.slice(start, end), start, end });
      pos = end;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[pos + 1]))) {
      const end = scanNumber(pos);
      tokens.push({ kind: 'num', text: src.slice(start, end), start, end });
      pos = end;
      continue;
    }
    if (c === '.' && isIdentStart(src[pos + 1])) {
      const end = scanIdent(pos + 1);
      tokens.push({ kind: 'field', text: src.slice(start + 1, end), start, end });
      pos = end;
      continue;
    }
    if (c === '$') {
      if (!isIdentStart(src[pos + 1]))
        throw syntaxError(src, pos, 'unexpected token "$"', 'a variable name must follow $');
      const end = scanIdent(pos + 1);
      tokens.push({ kind: 'var', text: src.slice(start + 1, end), start, end });
      pos = end;
      continue;
    }
    if (c === '@') {
      if (!isIdentStart(src[pos + 1]))
        throw syntaxError(src, pos, 'unexpected token "@"', 'a format name such as @base64 must follow @');
      let end = pos + 1;
      while (isIdentPart(src[end])) end++;
      tokens.push({ kind: 'format', text: src.slice(start + 1, end), start, end });
      pos = end;
      continue;
    }
    if (c === '"') {
      scanStringPart(pos + 1, 'str', start);
      continue;
    }
    if (interpolations.length > 0 && (c === '(' || c === ')')) {
      const depth = interpolations[interpolations.length - 1]!;
      if (c === ')' && depth === 0) {
        interpolations.pop();
        scanStringPart(pos + 1, 'mid', start);
        continue;
      }
      interpolations[interpolations.length - 1] = depth + (c === '(' ? 1 : -1);
    }
    const punct = PUNCTUATORS.find((p) => src.startsWith(p, pos));
    if (!punct)
      throw syntaxError(
        src,
        pos,
        `unexpected character ${JSON.stringify(String.fromCodePoint(src.codePointAt(pos)!))}`,
      );
    tokens.push({ kind: 'punct', text: punct, start, end: pos + punct.length });
    pos += punct.length;
  }
  if (interpolations.length > 0)
    throw syntaxError(src, src.length, 'unterminated string interpolation', 'close \\( with )');
  tokens.push({ kind: 'eof', text: '', start: src.length, end: src.length });
  // String tokens get their surrogates fixed here (the `str`/`strEnd` branch above skips it).
  for (const t of tokens) if (t.kind === 'str' || t.kind === 'strEnd') t.text = fixSurrogates(t.text);
  return tokens;
}

/** Go decodes a lone \uD800-style escape to U+FFFD; pairs combine. */
function fixSurrogates(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
