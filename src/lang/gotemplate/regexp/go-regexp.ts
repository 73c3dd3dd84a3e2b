// The regexp.Regexp operations sprig calls (MatchString, FindString, FindAllString,
// ReplaceAllString with Go's $-expansion, ReplaceAllLiteralString, Split, QuoteMeta),
// including Go's rules for empty matches, on top of translated JS patterns.

import { quoteGo, canBackquote } from '../fmt/quote.js';
import { GoRegexpSyntaxError, translateGoRegexp, type TranslatedRegexp } from './translate.js';

export interface CompiledGoRegexp {
  re: RegExp;
  info: TranslatedRegexp;
  /** true when the pattern is the empty string */
  empty: boolean;
}

const cache = new Map<string, CompiledGoRegexp | GoRegexpSyntaxError>();
const CACHE_LIMIT = 1000;

/** regexp.Compile; throws GoRegexpSyntaxError with Go's message. */
export function compileGoRegexp(pattern: string): CompiledGoRegexp {
  let hit = cache.get(pattern);
  if (!hit) {
    try {
      const info = translateGoRegexp(pattern);
      hit = { re: new RegExp(info.source, info.flags + 'g'), info, empty: pattern === '' };
    } catch (e) {
      if (!(e instanceof GoRegexpSyntaxError)) throw e;
      hit = e;
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(pattern, hit);
  }
  if (hit instanceof GoRegexpSyntaxError) throw hit;
  return hit;
}

/** The panic text of regexp.MustCompile. */
export function mustCompileMessage(pattern: string, err: Error): string {
  const q = canBackquote(pattern) ? '`' + pattern + '`' : quoteGo(pattern);
  return `regexp: Compile(${q}): ${err.message}`;
}

function execAt(c: CompiledGoRegexp, s: string, pos: number): RegExpExecArray | null {
  c.re.lastIndex = pos;
  return c.re.exec(s);
}

function runeWidth(s: string, pos: number): number {
  const c = s.charCodeAt(pos);
  if (c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length) {
    const d = s.charCodeAt(pos + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** All matches with Go's allMatches rules (no empty match right after a previous match). */
export function allMatches(c: CompiledGoRegexp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const limit = n < 0 ? s.length + 1 : n;
  let pos = 0;
  let prevMatchEnd = -1;
  while (out.length < limit && pos <= s.length) {
    const m = execAt(c, s, pos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === pos) {
      // empty match at pos
      if (start === prevMatchEnd) accept = false;
      pos += pos < s.length ? runeWidth(s, pos) : 1;
    } else {
      pos = end;
    }
    prevMatchEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

export function matchString(c: CompiledGoRegexp, s: string): boolean {
  return execAt(c, s, 0) !== null;
}

export function findString(c: CompiledGoRegexp, s: string): string {
  return execAt(c, s, 0)?.[0] ?? '';
}

/** FindAllString: null (Go's nil) when nothing matched or n == 0. */
export function findAllString(c: CompiledGoRegexp, s: string, n: number): string[] | null {
  if (n === 0) return null;
  const ms = allMatches(c, s, n);
  return ms.length === 0 ? null : ms.map((m) => m[0]);
}

function isWordRune(ch: string): boolean {
  return /^[\p{L}\p{Nd}_]$/u.test(ch);
}

/** Regexp.Expand of a replacement template against one match. */
function expand(c: CompiledGoRegexp, template: string, m: RegExpExecArray): string {
  let out = '';
  let t = template;
  for (;;) {
    const d = t.indexOf('$');
    if (d < 0) break;
    out += t.slice(0, d);
    t = t.slice(d + 1);
    if (t[0] === '$') {
      out += '$';
      t = t.slice(1);
      continue;
    }
    let str = t;
    let brace = false;
    if (str[0] === '{') {
      brace = true;
      str = str.slice(1);
    }
    let i = 0;
    for (const ch of str) {
      if (!isWordRune(ch)) break;
      i += ch.length;
    }
    let ok = i > 0;
    const name = str.slice(0, i);
    if (ok && brace) {
      if (str[i] !== '}') ok = false;
      else i++;
    }
    if (!ok) {
      out += '$';
      continue;
    }
    t = str.slice(i);
    let num = /^[0-9]+$/.test(name) && !(name[0] === '0' && name.length > 1) ? Number(name) : -1;
    if (num >= 1e8) num = -1;
    if (num >= 0) {
      if (num <= c.info.numGroups) out += m[num] ?? '';
    } else {
      const idx = c.info.names.get(name);
      if (idx !== undefined) out += m[idx] ?? '';
    }
  }
  return out + t;
}

function replaceAll(c: CompiledGoRegexp, src: string, repl: (m: RegExpExecArray) => string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    const m = execAt(c, src, searchPos);
    if (!m) break;
    const a0 = m.index;
    const a1 = a0 + m[0].length;
    out += src.slice(lastMatchEnd, a0);
    // No replacement for an empty match right after another match.
    if (a1 > lastMatchEnd || a0 === 0) out += repl(m);
    lastMatchEnd = a1;
    const width = searchPos < src.length ? runeWidth(src, searchPos) : 0;
    if (searchPos + width > a1) searchPos += width;
    else if (searchPos + 1 > a1) searchPos++;
    else searchPos = a1;
  }
  return out + src.slice(lastMatchEnd);
}

export function replaceAllString(c: CompiledGoRegexp, src: string, template: string): string {
  return replaceAll(c, src, (m) => expand(c, template, m));
}

export function replaceAllLiteralString(c: CompiledGoRegexp, src: string, repl: string): string {
  return replaceAll(c, src, () => repl);
}

/** Regexp.Split; null for n == 0 (Go's nil). */
export function splitRegexp(c: CompiledGoRegexp, s: string, n: number): string[] | null {
  if (n === 0) return null;
  if (!c.empty && s === '') return [''];
  const matches = allMatches(c, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    const mEnd = m.index + m[0].length;
    if (mEnd !== 0) out.push(s.slice(beg, end));
    beg = mEnd;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, (ch) => '\\' + ch);
}
