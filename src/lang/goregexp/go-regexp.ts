// The regexp.Regexp operations the languages call — MatchString, Find*, ReplaceAll with Go's
// $-expansion and its Literal variant, Split, QuoteMeta — including Go's rules for empty
// matches. Matching is re2js (a port of RE2/J, itself a port of Go's regexp): the same syntax,
// error texts and leftmost-first answers as Go, in time linear in the input, so a pattern like
// (x+x+)+y cannot stall a workflow task. Offsets are UTF-16 indexes into the subject.

import { RE2JS, RE2JSSyntaxException } from 're2js';
import { renameDuplicateGroups } from './duplicate-names.js';
import { GoRegexpSyntaxError } from './syntax-error.js';

/** Go's submatch index slice: [start, end, group1Start, group1End, ...], -1 where a group did not take part. */
export type GoMatchIndex = number[];

type Matcher = ReturnType<RE2JS['matcher']>;

const isWordRune = (ch: string): boolean => /^[\p{L}\p{Nd}_]$/u.test(ch);

function runeWidth(s: string, pos: number): number {
  const c = s.charCodeAt(pos);
  if (c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length) {
    const d = s.charCodeAt(pos + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function syntaxError(e: RE2JSSyntaxException): GoRegexpSyntaxError {
  const { error, input: reported } = e as unknown as { error: string; input: string | null };
  // Go quotes an empty fragment where re2js has none (a trailing backslash).
  const input = reported ?? '';
  // Go reads a named group only when something follows "(?<" / "(?P<"; at the very end of the
  // pattern it parses flags instead and reports the unknown flag character.
  if (error === 'invalid named capture' && (input === '(?<' || input === '(?P<')) {
    return new GoRegexpSyntaxError('invalid or unsupported Perl syntax', input.slice(0, 3));
  }
  return new GoRegexpSyntaxError(error, input);
}

function compileRe2(pattern: string): { re: RE2JS; original: ReadonlyMap<string, string> } {
  try {
    return { re: RE2JS.compile(pattern), original: new Map() };
  } catch (e) {
    if (!(e instanceof RE2JSSyntaxException)) throw e;
    if (!e.message.includes('duplicate capture group name')) throw syntaxError(e);
  }
  const renamed = renameDuplicateGroups(pattern);
  try {
    return { re: RE2JS.compile(renamed.pattern), original: renamed.original };
  } catch (e) {
    throw e instanceof RE2JSSyntaxException ? syntaxError(e) : e;
  }
}

export class GoRegexp {
  readonly numSubexp: number;
  /** Go's SubexpNames: index 0 is the whole match, '' for unnamed groups. */
  readonly subexpNames: readonly string[];
  private readonly re: RE2JS;

  private constructor(readonly pattern: string) {
    const { re, original } = compileRe2(pattern);
    this.re = re;
    this.numSubexp = re.groupCount();
    const names: string[] = new Array<string>(this.numSubexp + 1).fill('');
    for (const [name, index] of Object.entries(re.namedGroups())) names[index] = original.get(name) ?? name;
    this.subexpNames = names;
  }

  /** regexp.Compile; throws GoRegexpSyntaxError with Go's message. (index.ts keeps a cache.) */
  static compile(pattern: string): GoRegexp {
    return new GoRegexp(pattern);
  }

  /** The leftmost match at or after pos, with group offsets. */
  private execAt(m: Matcher, pos: number): GoMatchIndex | null {
    if (!m.find(pos)) return null;
    const out: GoMatchIndex = [];
    for (let g = 0; g <= this.numSubexp; g++) out.push(m.start(g), m.end(g));
    return out;
  }

  /** MatchString: is there a match anywhere (Go's matching is unanchored). */
  matchString(s: string): boolean {
    return this.re.matcher(s).find();
  }

  /** The same as matchString, for callers written against RegExp.test. */
  test(s: string): boolean {
    return this.matchString(s);
  }

  /** FindString: the leftmost match, or "" when there is none. */
  findString(s: string): string {
    const m = this.re.matcher(s);
    return m.find() ? s.slice(m.start(0), m.end(0)) : '';
  }

  /** FindStringSubmatch: the match and its groups (undefined where a group did not take part), or null. */
  findStringSubmatch(s: string): (string | undefined)[] | null {
    const ix = this.execAt(this.re.matcher(s), 0);
    return ix === null ? null : groupsOf(s, ix);
  }

  /**
   * Go's allMatches: up to n matches (all when n < 0); after an empty match the search moves one
   * character on, and an empty match right where the previous match ended is skipped. `step` is
   * called per search, for callers that meter work.
   */
  private allMatches(s: string, n: number, step?: () => void): GoMatchIndex[] {
    const out: GoMatchIndex[] = [];
    const limit = n < 0 ? s.length + 1 : n;
    const m = this.re.matcher(s);
    let pos = 0;
    let prevMatchEnd = -1;
    while (out.length < limit && pos <= s.length) {
      step?.();
      const ix = this.execAt(m, pos);
      if (!ix) break;
      const [start, end] = ix as [number, number];
      let accept = true;
      if (end === pos) {
        // An empty match at pos.
        if (start === prevMatchEnd) accept = false;
        pos += pos < s.length ? runeWidth(s, pos) : 1;
      } else {
        pos = end;
      }
      prevMatchEnd = end;
      if (accept) out.push(ix);
    }
    return out;
  }

  /** FindAllString: null (Go's nil) when nothing matched or n == 0. */
  findAllString(s: string, n: number): string[] | null {
    if (n === 0) return null;
    const ms = this.allMatches(s, n);
    return ms.length === 0 ? null : ms.map((ix) => s.slice(ix[0], ix[1]));
  }

  /** FindAllStringSubmatchIndex: every match (n < 0) or the first n, with group offsets. */
  findAllSubmatchIndex(s: string, n: number, step?: () => void): GoMatchIndex[] {
    if (n === 0) return [];
    return this.allMatches(s, n, step);
  }

  /** Regexp.Expand of a replacement template for one match. */
  private expand(template: string, m: (string | undefined)[]): string {
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
  private replaceAll(src: string, repl: (ix: GoMatchIndex) => string): string {
    let out = '';
    let lastMatchEnd = 0;
    let searchPos = 0;
    const m = this.re.matcher(src);
    while (searchPos <= src.length) {
      const ix = this.execAt(m, searchPos);
      if (!ix) break;
      const [a0, a1] = ix as [number, number];
      out += src.slice(lastMatchEnd, a0);
      if (a1 > lastMatchEnd || a0 === 0) out += repl(ix);
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
    if (!template.includes('$')) return this.replaceAll(src, () => template);
    return this.replaceAll(src, (ix) => this.expand(template, groupsOf(src, ix)));
  }

  /** ReplaceAllLiteralString: the replacement is used as is. */
  replaceAllLiteralString(src: string, repl: string): string {
    return this.replaceAll(src, () => repl);
  }

  /** Regexp.Split; null for n == 0 (Go's nil). */
  split(s: string, n: number): string[] | null {
    if (n === 0) return null;
    if (this.pattern !== '' && s === '') return [''];
    const matches = this.allMatches(s, n);
    const out: string[] = [];
    let beg = 0;
    let end = 0;
    for (const [mStart, mEnd] of matches as [number, number][]) {
      if (n > 0 && out.length === n - 1) break;
      end = mStart;
      if (mEnd !== 0) out.push(s.slice(beg, end));
      beg = mEnd;
    }
    if (end !== s.length) out.push(s.slice(beg));
    return out;
  }
}

function groupsOf(s: string, ix: GoMatchIndex): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (let g = 0; g + 1 < ix.length; g += 2) {
    const a = ix[g]!;
    out.push(a < 0 ? undefined : s.slice(a, ix[g + 1]));
  }
  return out;
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, (ch) => '\\' + ch);
}
