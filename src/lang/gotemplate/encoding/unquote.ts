// strconv.Unquote for template string and character literals. (Number parsing is shared with
// the other languages in ../../go/parse-number.ts.)

import { utf8Decode, utf8Encode } from '../../go/utf8.js';

class UnquoteError extends Error {
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
