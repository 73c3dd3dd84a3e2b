// Go's strconv parsing rules (ParseInt with base 0, ParseFloat, Unquote), which decide what
// template literals mean and what sprig's int/float64/atoi conversions accept.

import { utf8Decode, utf8Encode } from './utf8.js';

export type ParseResult = { ok: true; value: number } | { ok: false; range: boolean; value: number };

/** Go's underscoreOK: underscores may only separate digits (a base prefix counts as a digit). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseInt(s, 0, 64). */
export function parseGoInt(s: string): ParseResult {
  return parseGoIntBase(s, 0, true);
}

/** strconv.ParseUint(s, 0, 64) / ParseInt with explicit base. */
export function parseGoIntBase(s0: string, base0: number, signed: boolean): ParseResult {
  let s = s0;
  if (s === '') return { ok: false, range: false, value: 0 };
  let neg = false;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = base0;
  let underscores = false;
  if (base === 0) {
    base = 10;
    underscores = true;
    if (s[0] === '0') {
      const p = s[1];
      if (s.length >= 3 && (p === 'b' || p === 'B')) {
        base = 2;
        s = s.slice(2);
      } else if (s.length >= 3 && (p === 'o' || p === 'O')) {
        base = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && (p === 'x' || p === 'X')) {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
        if (s === '') return { ok: true, value: 0 };
      }
    }
  }
  if (s === '') return { ok: false, range: false, value: 0 };
  let n = 0n;
  const b = BigInt(base);
  let sawUnderscore = false;
  for (const c of s) {
    if (c === '_' && underscores) {
      sawUnderscore = true;
      continue;
    }
    const d = digitValue(c);
    if (d < 0 || d >= base) return { ok: false, range: false, value: 0 };
    n = n * b + BigInt(d);
  }
  if (sawUnderscore && !underscoreOK(s0)) return { ok: false, range: false, value: 0 };
  const limit = signed ? (neg ? 1n << 63n : (1n << 63n) - 1n) : (1n << 64n) - 1n;
  if (n > limit) return { ok: false, range: true, value: neg ? -Number(limit) : Number(limit) };
  return { ok: true, value: neg ? -Number(n) : Number(n) };
}

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  if (code >= 65 && code <= 90) return code - 65 + 10;
  return -1;
}

const DEC_FLOAT = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/;
const HEX_FLOAT = /^[+-]?0[xX](?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+)[pP][+-]?[0-9_]+$/;

/** strconv.ParseFloat(s, 64). Out-of-range values report `range` with ±Inf, as Go does. */
export function parseGoFloat(s: string): ParseResult {
  const lower = s.toLowerCase();
  const body = lower[0] === '+' || lower[0] === '-' ? lower.slice(1) : lower;
  if (body === 'inf' || body === 'infinity') {
    return { ok: true, value: lower[0] === '-' ? -Infinity : Infinity };
  }
  if (body === 'nan') {
    return lower === 'nan' ? { ok: true, value: NaN } : { ok: false, range: false, value: 0 };
  }
  let value: number;
  if (DEC_FLOAT.test(s)) {
    if (s.includes('_') && !underscoreOK(s)) return { ok: false, range: false, value: 0 };
    const clean = s.replace(/_/g, '');
    if (!/[0-9]/.test(clean.replace(/[eE].*$/, ''))) return { ok: false, range: false, value: 0 };
    value = Number(clean);
  } else if (HEX_FLOAT.test(s)) {
    if (s.includes('_') && !underscoreOK(s)) return { ok: false, range: false, value: 0 };
    value = parseHexFloat(s.replace(/_/g, ''));
  } else {
    return { ok: false, range: false, value: 0 };
  }
  if (!Number.isFinite(value)) return { ok: false, range: true, value };
  return { ok: true, value };
}

function parseHexFloat(s: string): number {
  const neg = s[0] === '-';
  const body = s.replace(/^[+-]?0[xX]/, '');
  const [mant = '', expStr = '0'] = body.split(/[pP]/);
  const [intPart = '', fracPart = ''] = mant.split('.');
  let v = 0;
  for (const c of intPart) v = v * 16 + digitValue(c);
  let scale = 1 / 16;
  for (const c of fracPart) {
    v += digitValue(c) * scale;
    scale /= 16;
  }
  const r = v * Math.pow(2, Number(expStr));
  return neg ? -r : r;
}

export class UnquoteError extends Error {
  constructor() {
    super('invalid syntax');
  }
}

/** strconv.Unquote for "..." and `...` literals. Throws UnquoteError on bad escapes. */
export function unquoteGoString(quoted: string): string {
  const q = quoted[0];
  const inner = quoted.slice(1, -1);
  if (q === '`') return inner.replace(/\r/g, '');
  if (!inner.includes('\\')) return inner;
  const bytes: number[] = [];
  let i = 0;
  while (i < inner.length) {
    const c = inner[i]!;
    if (c !== '\\') {
      const cp = inner.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      for (const b of utf8Encode(ch)) bytes.push(b);
      i += ch.length;
      continue;
    }
    const r = unquoteEscape(inner, i + 1, '"');
    if (r.byte !== undefined) bytes.push(r.byte);
    else for (const b of utf8Encode(String.fromCodePoint(r.rune!))) bytes.push(b);
    i = r.next;
  }
  return utf8Decode(Uint8Array.from(bytes));
}

/** A character constant such as 'a' or '\n' → its rune value. */
export function unquoteGoChar(quoted: string): number {
  const inner = quoted.slice(1, -1);
  if (inner.length === 0) throw new UnquoteError();
  if (inner[0] !== '\\') {
    const cp = inner.codePointAt(0)!;
    if (String.fromCodePoint(cp).length !== inner.length || cp === 0x27) throw new UnquoteError();
    return cp;
  }
  const r = unquoteEscape(inner, 1, "'");
  if (r.next !== inner.length) throw new UnquoteError();
  return r.byte ?? r.rune!;
}

function unquoteEscape(s: string, i: number, quote: string): { byte?: number; rune?: number; next: number } {
  const c = s[i];
  switch (c) {
    case 'a':
      return { rune: 7, next: i + 1 };
    case 'b':
      return { rune: 8, next: i + 1 };
    case 'f':
      return { rune: 12, next: i + 1 };
    case 'n':
      return { rune: 10, next: i + 1 };
    case 'r':
      return { rune: 13, next: i + 1 };
    case 't':
      return { rune: 9, next: i + 1 };
    case 'v':
      return { rune: 11, next: i + 1 };
    case '\\':
      return { rune: 92, next: i + 1 };
    case '"':
    case "'":
      if (c !== quote) throw new UnquoteError();
      return { rune: c.charCodeAt(0), next: i + 1 };
    case 'x': {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new UnquoteError();
      return { byte: parseInt(h, 16), next: i + 3 };
    }
    case 'u':
    case 'U': {
      const n = c === 'u' ? 4 : 8;
      const h = s.slice(i + 1, i + 1 + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) throw new UnquoteError();
      const v = parseInt(h, 16);
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new UnquoteError();
      return { rune: v, next: i + 1 + n };
    }
    default: {
      if (c !== undefined && c >= '0' && c <= '7') {
        const o = s.slice(i, i + 3);
        if (!/^[0-7]{3}$/.test(o)) throw new UnquoteError();
        const v = parseInt(o, 8);
        if (v > 255) throw new UnquoteError();
        return { byte: v, next: i + 3 };
      }
      throw new UnquoteError();
    }
  }
}
