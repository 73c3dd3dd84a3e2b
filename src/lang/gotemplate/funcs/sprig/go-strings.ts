// Go's strings package functions whose edge cases differ from JS (whitespace set, empty
// separators, cutsets, SplitN, Title).

import { isLetter, isDigit, isSpace, mapRunes, toTitle } from './unicode.js';
import { FuncError } from '../../errors.js';

const MAX_STRING = 16 * 1024 * 1024;

export function trimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.codePointAt(start)!)) start += s.codePointAt(start)! > 0xffff ? 2 : 1;
  while (end > start) {
    const c = s.charCodeAt(end - 1);
    const cp = c >= 0xdc00 && c <= 0xdfff && end - 2 >= start ? s.codePointAt(end - 2)! : c;
    if (!isSpace(cp)) break;
    end -= cp > 0xffff ? 2 : 1;
  }
  return s.slice(start, end);
}

/** strings.Trim(s, cutset). */
export function trimCutset(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const set = new Set([...cutset]);
  const runes = [...s];
  let a = 0;
  let b = runes.length;
  while (a < b && set.has(runes[a]!)) a++;
  while (b > a && set.has(runes[b - 1]!)) b--;
  return runes.slice(a, b).join('');
}

/** strings.SplitN(s, sep, n); n < 0 means all. */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const runes = [...s];
    if (n < 0 || n > runes.length) return runes;
    return [...runes.slice(0, n - 1), runes.slice(n - 1).join('')];
  }
  const out: string[] = [];
  let start = 0;
  while (n < 0 || out.length < n - 1) {
    const i = s.indexOf(sep, start);
    if (i < 0) break;
    out.push(s.slice(start, i));
    start = i + sep.length;
  }
  out.push(s.slice(start));
  return out;
}

export function split(s: string, sep: string): string[] {
  return splitN(s, sep, -1);
}

/** strings.Repeat, refusing sizes that would exhaust memory. */
export function repeat(s: string, count: number): string {
  if (count < 0) throw new FuncError('strings: negative Repeat count');
  if (s.length * count > MAX_STRING) {
    throw new FuncError(`repeat: result of ${s.length * count} characters is too large`);
  }
  return s.repeat(count);
}

/** strings.Replace(s, old, new, -1), including Go's behaviour for an empty `old`. */
export function replaceAll(s: string, old: string, repl: string): string {
  if (old === '') {
    const runes = [...s];
    return repl + runes.map((r) => r + repl).join('');
  }
  return s.split(old).join(repl);
}

function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    if ((r >= 48 && r <= 57) || (r >= 97 && r <= 122) || (r >= 65 && r <= 90) || r === 95) return false;
    return true;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

/** strings.Title (deprecated in Go but what sprig's `title` calls). */
export function title(s: string): string {
  let prev = 0x20;
  return mapRunes(s, (r) => {
    const out = isSeparator(prev) ? toTitle(r) : r;
    prev = r;
    return out;
  });
}
