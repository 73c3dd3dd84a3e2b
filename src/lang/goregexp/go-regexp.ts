// The regexp.Regexp operations the languages call — MatchString, Find*, ReplaceAll with Go's
// $-expansion and its Literal variant, Split, QuoteMeta — including Go's rules for empty
// matches, on top of a translated JS pattern. Offsets are UTF-16 indexes into the subject.

import { GoRegexpSyntaxError } from './syntax-error.js';
import { translateGoRegexp, type TranslatedGoRegexp } from './translate.js';

/** Go's submatch index slice: [start, end, group1Start, group1End, ...], -1 where a group did not take part. */
export type GoMatchIndex = number[];

const isWordRune = (ch: string): boolean => /^[\p{L}\p{Nd}_]$/u.test(ch);

function runeWidth(s: string, pos: number): number {
  const c = s.charCodeAt(pos);
  if (c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length) {
    const d = s.charCodeAt(pos + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function indexOf(m: RegExpExecArray): GoMatchIndex {
  const out = [m.index, m.index + m[0].length];
  for (let g = 1; g < m.length; g++) {
    const ix = m.indices?.[g];
    out.push(ix ? ix[0] : -1, ix ? ix[1] : -1);
  }
  return out;
}

export class GoRegexp {
  readonly numSubexp: number;
  /** Go's SubexpNames: index 0 is the whole match, '' for unnamed groups. */
  readonly subexpNames: readonly string[];
  readonly backtrackRisk: boolean;
  private readonly source: string;
  private readonly flags: string;
  private readonly global: RegExp;
  private withIndices: RegExp | undefined;
  private plain: RegExp | undefined;

  private constructor(
    readonly pattern: string,
    t: TranslatedGoRegexp,
  ) {
    this.numSubexp = t.numGroups;
    this.subexpNames = t.groupNames;
    this.backtrackRisk = t.backtrackRisk;
    this.source = t.source;
    this.flags = t.flags;
    this.global = GoRegexp.jsRegExp(pattern, t.source, t.flags + 'g');
  }

  /** regexp.Compile; throws GoRegexpSyntaxError with Go's message. (index.ts keeps a cache.) */
  static compile(pattern: string): GoRegexp {
    return new GoRegexp(pattern, translateGoRegexp(pattern));
  }

  static jsRegExp(pattern: string, source: string, flags: string): RegExp {
    try {
      return new RegExp(source, flags);
    } catch (e) {
      // The translation only emits valid JS; this guards against an engine limit.
      const detail = e instanceof Error ? e.message : String(e);
      throw new GoRegexpSyntaxError('invalid or unsupported Perl syntax', `${pattern} (${detail})`);
    }
  }

  /** A non-global JS RegExp with the same meaning (safe to share: .test and .exec ignore lastIndex). */
  get jsRegExp(): RegExp {
    return (this.plain ??= GoRegexp.jsRegExp(this.pattern, this.source, this.flags));
  }

  private exec(s: string, pos: number, indices: boolean): RegExpExecArray | null {
    let re = this.global;
    if (indices) re = this.withIndices ??= GoRegexp.jsRegExp(this.pattern, this.source, this.flags + 'gd');
    re.lastIndex = pos;
    return re.exec(s);
  }

  /** MatchString: is there a match anywhere (Go's matching is unanchored). */
  matchString(s: string): boolean {
    return this.exec(s, 0, false) !== null;
  }

  /** FindString: the leftmost match, or "" when there is none. */
  findString(s: string): string {
    return this.exec(s, 0, false)?.[0] ?? '';
  }

  /**
   * Go's allMatches: up to n matches (all when n < 0); after an empty match the search moves one
   * character on, and an empty match right where the previous match ended is skipped. `step` is
   * called per search, for callers that meter work.
   */
  private allMatches(s: string, n: number, indices: boolean, step?: () => void): RegExpExecArray[] {
    const out: RegExpExecArray[] = [];
    const limit = n < 0 ? s.length + 1 : n;
    let pos = 0;
    let prevMatchEnd = -1;
    while (out.length < limit && pos <= s.length) {
      step?.();
      const m = this.exec(s, pos, indices);
      if (!m) break;
      const end = m.index + m[0].length;
      let accept = true;
      if (end === pos) {
        // An empty match at pos.
        if (m.index === prevMatchEnd) accept = false;
        pos += pos < s.length ? runeWidth(s, pos) : 1;
      } else {
        pos = end;
      }
      prevMatchEnd = end;
      if (accept) out.push(m);
    }
    return out;
  }

  /** FindAllString: null (Go's nil) when nothing matched or n == 0. */
  findAllString(s: string, n: number): string[] | null {
    if (n === 0) return null;
    const ms = this.allMatches(s, n, false);
    return ms.length === 0 ? null : ms.map((m) => m[0]);
  }

  /** FindAllStringSubmatchIndex: every match (n < 0) or the first n, with group offsets. */
  findAllSubmatchIndex(s: string, n: number, step?: () => void): GoMatchIndex[] {
    if (n === 0) return [];
    return this.allMatches(s, n, true, step).map(indexOf);
  }

  /** Regexp.Expand of a replacement template for one match. */
  private expand(template: string, m: RegExpExecArray): string {
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
      const brace = str[0] === '{';
      if (brace) str = str.slice(1);
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
        // Malformed: the $ is literal text.
        out += '$';
        continue;
      }
      t = str.slice(i);
      let num = /^[0-9]+$/.test(name) && !(name[0] === '0' && name.length > 1) ? Number(name) : -1;
      if (num >= 1e8) num = -1;
      if (num >= 0) {
        if (num <= this.numSubexp) out += m[num] ?? '';
      } else {
        // The first group of that name that took part in the match.
        for (let g = 1; g <= this.numSubexp; g++) {
          if (this.subexpNames[g] === name && m[g] !== undefined) {
            out += m[g];
            break;
          }
        }
      }
    }
    return out + t;
  }

  /** Go's replaceAll loop: no replacement for an empty match right after a previous match. */
  private replaceAll(src: string, repl: (m: RegExpExecArray) => string): string {
    let out = '';
    let lastMatchEnd = 0;
    let searchPos = 0;
    while (searchPos <= src.length) {
      const m = this.exec(src, searchPos, false);
      if (!m) break;
      const a0 = m.index;
      const a1 = a0 + m[0].length;
      out += src.slice(lastMatchEnd, a0);
      if (a1 > lastMatchEnd || a0 === 0) out += repl(m);
      lastMatchEnd = a1;
      // Advance past this match; always advance at least one character.
      const width = searchPos < src.length ? runeWidth(src, searchPos) : 0;
      if (searchPos + width > a1) searchPos += width;
      else if (searchPos + 1 > a1) searchPos++;
      else searchPos = a1;
    }
    return out + src.slice(lastMatchEnd);
  }

  /** ReplaceAllString: $1, ${1}, $name and ${name} in the template expand to groups; $$ is $. */
  replaceAllString(src: string, template: string): string {
    return this.replaceAll(src, template.includes('$') ? (m) => this.expand(template, m) : () => template);
  }

  /** ReplaceAllLiteralString: the replacement is used as is. */
  replaceAllLiteralString(src: string, repl: string): string {
    return this.replaceAll(src, () => repl);
  }

  /** Regexp.Split; null for n == 0 (Go's nil). */
  split(s: string, n: number): string[] | null {
    if (n === 0) return null;
    if (this.pattern !== '' && s === '') return [''];
    const matches = this.allMatches(s, n, false);
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
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, (ch) => '\\' + ch);
}
