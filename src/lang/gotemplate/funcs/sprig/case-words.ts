// huandu/xstrings v1.5 word splitting behind sprig's snakecase, kebabcase and camelcase
// (ToSnakeCase, ToKebabCase, ToPascalCase), ported rune by rune.

import { isLetter, isNumber, isPunct, isSpace, isUpper, toLower, toUpper } from './unicode.js';

const RUNE_ERROR = 0xfffd;

const enum WT {
  Invalid,
  Number,
  UpperCase,
  Alphabet,
  Connector,
  Punct,
  Other,
}

function isConnector(r: number): boolean {
  return r === 0x2d || r === 0x5f || isSpace(r);
}

/** A letter that is not CJK. */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

interface Word {
  wt: WT;
  start: number;
  end: number;
}

function nextValid(rs: number[], i: number, prev: number): { r: number; next: number } {
  let j = i;
  while (j < rs.length) {
    const r = rs[j]!;
    j++;
    if (r !== RUNE_ERROR) return { r, next: j };
  }
  return { r: prev, next: j };
}

function nextWord(rs: number[], start: number): Word {
  if (start >= rs.length) return { wt: WT.Invalid, start, end: start };
  const first = nextValid(rs, start, RUNE_ERROR);
  let r = first.r;
  let end = first.next;
  if (r === RUNE_ERROR) return { wt: WT.Invalid, start, end };
  const scan = (pred: (r: number) => boolean): void => {
    while (end < rs.length) {
      const n = nextValid(rs, end, r);
      r = n.r;
      if (!pred(r)) break;
      end = n.next;
    }
  };
  if (isConnector(r)) {
    scan(isConnector);
    return { wt: WT.Connector, start, end };
  }
  if (isPunct(r)) {
    scan(isPunct);
    return { wt: WT.Punct, start, end };
  }
  if (isUpper(r)) {
    if (end >= rs.length) return { wt: WT.UpperCase, start, end };
    const n = nextValid(rs, end, r);
    r = n.r;
    if (isUpper(r)) {
      let prevEnd = end;
      end = n.next;
      while (end < rs.length) {
        const m = nextValid(rs, end, r);
        r = m.r;
        if (!isUpper(r)) break;
        prevEnd = end;
        end = m.next;
      }
      // "HTTPStatus" splits into "HTTP" and "Status": give back the last capital.
      if (end < rs.length && isAlphabet(r)) end = prevEnd;
    } else if (isAlphabet(r)) {
      end = n.next;
      scan((x) => isAlphabet(x) && !isUpper(x));
    }
    return { wt: WT.UpperCase, start, end };
  }
  if (isAlphabet(r)) {
    scan((x) => isAlphabet(x) && !isUpper(x));
    return { wt: WT.Alphabet, start, end };
  }
  if (isNumber(r)) {
    scan(isNumber);
    return { wt: WT.Number, start, end };
  }
  scan((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  return { wt: WT.Other, start, end };
}

function lowerWord(rs: number[], w: Word, connector: number, out: number[]): void {
  if (w.wt !== WT.UpperCase && w.wt !== WT.Connector) {
    for (let i = w.start; i < w.end; i++) out.push(rs[i]!);
    return;
  }
  for (let i = w.start; i < w.end; i++) {
    const r = rs[i]!;
    if (isConnector(r)) out.push(connector);
    else if (isUpper(r)) out.push(toLower(r));
    else out.push(r);
  }
}

function camelCaseToLowerCase(str: string, connector: number): string {
  if (str === '') return '';
  const rs = [...str].map((c) => c.codePointAt(0)!);
  const out: number[] = [];
  let w = nextWord(rs, 0);
  const remaining = (x: Word): boolean => x.end < rs.length;
  while (remaining(w)) {
    if (w.wt !== WT.Connector) lowerWord(rs, w, connector, out);
    const prev = w.wt;
    const last = w;
    w = nextWord(rs, w.end);
    switch (prev) {
      case WT.Number:
        while (w.wt === WT.Alphabet || w.wt === WT.Number) {
          lowerWord(rs, w, connector, out);
          w = nextWord(rs, w.end);
        }
        if (w.wt !== WT.Invalid && w.wt !== WT.Punct && w.wt !== WT.Connector) out.push(connector);
        break;
      case WT.Connector:
        lowerWord(rs, last, connector, out);
        break;
      case WT.Punct:
        break;
      default: {
        if (w.wt !== WT.Number) {
          if (w.wt !== WT.Connector && w.wt !== WT.Punct) out.push(connector);
          break;
        }
        if (!remaining(w)) break;
        const numberWord = w;
        w = nextWord(rs, w.end);
        if (w.wt !== WT.Alphabet) {
          lowerWord(rs, { ...numberWord, wt: WT.Number }, connector, out);
          if (w.wt !== WT.Connector && w.wt !== WT.Punct) out.push(connector);
          break;
        }
        out.push(connector);
        lowerWord(rs, { ...numberWord, wt: WT.Number }, connector, out);
        while (w.wt === WT.Alphabet || w.wt === WT.Number) {
          lowerWord(rs, w, connector, out);
          w = nextWord(rs, w.end);
        }
        if (w.wt !== WT.Invalid && w.wt !== WT.Connector && w.wt !== WT.Punct) out.push(connector);
      }
    }
  }
  lowerWord(rs, w, connector, out);
  return String.fromCodePoint(...out);
}

export function toSnakeCase(s: string): string {
  return camelCaseToLowerCase(s, 0x5f);
}

export function toKebabCase(s: string): string {
  return camelCaseToLowerCase(s, 0x2d);
}

/** xstrings.ToPascalCase (sprig's camelcase). */
export function toPascalCase(str: string): string {
  if (str === '') return '';
  const rs = [...str].map((c) => c.codePointAt(0)!);
  const out: number[] = [];
  let i = 0;
  let r0 = 0;
  let r1 = 0;
  let isFirstRuneUpper = false;
  let consumed = false;
  while (i < rs.length) {
    r0 = rs[i++]!;
    consumed = true;
    if (!isConnector(r0)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = toUpper(r0);
      break;
    }
    out.push(r0);
  }
  if (i >= rs.length) {
    // Go writes the last rune again here, even when it was a connector already written.
    if (consumed) out.push(r0);
    return String.fromCodePoint(...out);
  }
  while (i < rs.length) {
    r1 = r0;
    r0 = rs[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
      continue;
    }
    if (isConnector(r1)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = toUpper(r0);
    } else {
      if (isFirstRuneUpper) {
        if (isUpper(r0)) r0 = toLower(r0);
        else isFirstRuneUpper = false;
      }
      out.push(r1);
    }
  }
  out.push(r0);
  return String.fromCodePoint(...out);
}
