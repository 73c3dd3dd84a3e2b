// Character classes as Go builds them: sets of code point ranges, folded for (?i) before any
// negation, then written out as a JS class. Perl (\d \s \w) and POSIX ([:alpha:]) groups are
// ASCII in Go, so they are spelled as ranges rather than JS's \s (Unicode) or \w.

import { addFoldedRange, type Range } from './case-folding.js';

const MAX_RUNE = 0x10ffff;

export const PERL_GROUPS: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [
    [0x9, 0xa],
    [0xc, 0xd],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};

export const POSIX_GROUPS: Record<string, Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x0, 0x7f]],
  blank: [
    [0x9, 0x9],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x0, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x9, 0xd],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

/** Sorted, merged copy (Go's cleanClass). */
function clean(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Range[] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) {
      if (hi > last[1]) last[1] = hi;
    } else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of clean(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

function folded(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const [lo, hi] of ranges) addFoldedRange(out, lo, hi);
  return out;
}

/** One code point inside a JS class (`u` mode): ASCII letters and digits as is, the rest escaped. */
export function classChar(cp: number): string {
  const isAlnum = (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return isAlnum ? String.fromCharCode(cp) : `\\u{${cp.toString(16)}}`;
}

export class ClassBuilder {
  private ranges: Range[] = [];
  private readonly properties: string[] = [];

  /** `fold` applies (?i): the range's case partners join it. */
  addRange(lo: number, hi: number, fold: boolean): void {
    if (fold) addFoldedRange(this.ranges, lo, hi);
    else this.ranges.push([lo, hi]);
  }

  /** A Perl or POSIX group, possibly negated (\W, [:^alpha:]); folded before negation, as in Go. */
  addGroup(group: readonly Range[], negated: boolean, fold: boolean): void {
    const base = fold ? folded(group) : [...group];
    for (const r of negated ? complement(base) : base) this.ranges.push(r);
  }

  /** A JS property escape such as \p{Lu} or \P{Script=Greek}. */
  addProperty(text: string): void {
    this.properties.push(text);
  }

  /** JS source for the class, negated as a whole when `negated` ([^...]). */
  toSource(negated: boolean): string {
    const body =
      clean(this.ranges)
        .map(([lo, hi]) => (lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`))
        .join('') + this.properties.join('');
    return `[${negated ? '^' : ''}${body}]`;
  }
}
