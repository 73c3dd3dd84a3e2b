// Go regexp (RE2) syntax → JavaScript RegExp source (`u` mode), parsed the way regexp/syntax
// parses it so that what Go rejects (lookaround, backreferences, nested repetition) is rejected
// with Go's message, and what Go means is what JS matches: `.` excludes only \n, \s \d \w \b are
// ASCII, (?m) anchors break only at \n, (?U) swaps greediness, inline flags are scoped like Go's
// and named groups become numbered groups with a name table. A leading (?i) becomes the JS `i`
// flag; a scoped one is spelled out with case-folding classes.

import { foldOrbit, type Range } from './case-folding.js';
import { ClassBuilder, classChar, PERL_GROUPS, POSIX_GROUPS } from './char-class.js';
import { GoRegexpSyntaxError } from './syntax-error.js';

export interface TranslatedGoRegexp {
  source: string;
  /** 'u', or 'iu' when a leading (?i) covers the whole pattern */
  flags: string;
  /** number of capture groups */
  numGroups: number;
  /** group name → index (1-based) of the first group with that name */
  names: Map<string, number>;
  /** Go's SubexpNames: index 0 is the whole match, '' for unnamed groups */
  groupNames: string[];
  /**
   * An unbounded repetition applies to something that itself holds one ((a+)+, (\w*\s?)*). JS
   * backtracks, so such a pattern can take exponential time on a hostile subject where RE2 is
   * linear; validators can warn about it.
   */
  backtrackRisk: boolean;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

/** One item of a concatenation, already in JS source. */
interface Piece {
  text: string;
  kind: 'atom' | 'assert' | 'repeat';
  /** index where the piece's repetition operator starts, for Go's nested-repetition message */
  opStart: number;
  /** largest product of counted repetitions inside ({n,m} nested in {n,m}), limited to 1000 */
  repeatProduct: number;
  /** holds an unbounded repetition (*, +, {n,}) */
  unbounded: boolean;
}

interface Repeat {
  min: number;
  /** -1 when unbounded */
  max: number;
  braces: boolean;
  /** index just after the operator (before a lazy `?`) */
  end: number;
}

const MAX_REPEAT = 1000;
// Go limits the parse tree's height to 1000; n nested groups make a tree n + 1 high.
const MAX_TREE_HEIGHT = 1000;
const ANY: Range[] = [[0, 0x10ffff]];
const GENERAL_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);
const SYNTAX_CHARS = new Set([...'^$\\.*+?()[]{}|/'].map((c) => c.charCodeAt(0)));

const BACKSLASH = 0x5c;
const isOctal = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x37;
const isAsciiAlnum = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

function unhex(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** A leading run of (?flags) groups that sets i, never cleared later, can use JS's own `i` flag. */
function leadingFoldCoversAll(src: string): boolean {
  const lead = /^(?:\(\?[imsU]*\))+/.exec(src)?.[0] ?? '';
  return lead.includes('i') && !/\(\?[imsU]*-[imsU]*i/.test(src);
}

class Translator {
  private i = 0;
  private readonly cps: number[];
  /** UTF-16 offset of each code point index, for quoting parts of the pattern */
  private readonly offsets: number[];
  private flags: Flags = { i: false, m: false, s: false, U: false };
  readonly groupNames: string[] = [''];
  readonly globalFold: boolean;
  backtrackRisk = false;

  constructor(private readonly src: string) {
    this.cps = [];
    this.offsets = [];
    for (let k = 0; k < src.length;) {
      const cp = src.codePointAt(k)!;
      this.cps.push(cp);
      this.offsets.push(k);
      k += cp > 0xffff ? 2 : 1;
    }
    this.offsets.push(src.length);
    this.globalFold = leadingFoldCoversAll(src);
  }

  private peek(k = 0): number | undefined {
    return this.cps[this.i + k];
  }

  private text(from: number, to = this.i): string {
    return this.src.slice(this.offsets[from], this.offsets[Math.min(to, this.cps.length)]);
  }

  private fail(code: string, expr: string): GoRegexpSyntaxError {
    return new GoRegexpSyntaxError(code, expr);
  }

  /** Whether (?i) must be spelled out here (it is on, and not already the JS flag). */
  private get scopedFold(): boolean {
    return this.flags.i && !this.globalFold;
  }

  translate(): string {
    const out = this.parseAlternation(0).text;
    if (this.i < this.cps.length) throw this.fail('unexpected )', this.src);
    return out;
  }

  private parseAlternation(depth: number): Piece {
    const alts = [this.parseConcat(depth)];
    while (this.peek() === 0x7c) {
      this.i++;
      alts.push(this.parseConcat(depth));
    }
    return {
      text: alts.map((p) => p.text).join('|'),
      kind: 'atom',
      opStart: -1,
      repeatProduct: Math.max(...alts.map((p) => p.repeatProduct)),
      unbounded: alts.some((p) => p.unbounded),
    };
  }

  private parseConcat(depth: number): Piece {
    const pieces: Piece[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === 0x7c) break;
      if (c === 0x29) {
        if (depth === 0) throw this.fail('unexpected )', this.src);
        break;
      }
      const start = this.i;
      const rep = this.repeatAt();
      if (rep) this.applyRepeat(pieces, rep, start);
      else this.parseAtom(pieces, depth);
    }
    return {
      text: pieces.map((p) => p.text).join(''),
      kind: 'atom',
      opStart: -1,
      repeatProduct: Math.max(1, ...pieces.map((p) => p.repeatProduct)),
      unbounded: pieces.some((p) => p.unbounded),
    };
  }

  /** Go's parseInt for repeat counts: decimal, no leading zeros. */
  private countAt(k: number): { value: number; end: number } | undefined {
    let j = k;
    while (j < this.cps.length && this.cps[j]! >= 0x30 && this.cps[j]! <= 0x39) j++;
    if (j === k || (this.cps[k] === 0x30 && j - k > 1)) return undefined;
    return { value: Number(this.text(k, j)), end: j };
  }

  /** A repetition operator at this.i, or undefined (a `{` that is not {n}, {n,} or {n,m} is a literal). */
  private repeatAt(): Repeat | undefined {
    const c = this.peek();
    if (c === 0x2a) return { min: 0, max: -1, braces: false, end: this.i + 1 };
    if (c === 0x2b) return { min: 1, max: -1, braces: false, end: this.i + 1 };
    if (c === 0x3f) return { min: 0, max: 1, braces: false, end: this.i + 1 };
    if (c !== 0x7b) return undefined;
    const min = this.countAt(this.i + 1);
    if (!min) return undefined;
    let max = min.value;
    let k = min.end;
    if (this.cps[k] === 0x2c) {
      k++;
      if (this.cps[k] === 0x7d) max = -1;
      else {
        const m = this.countAt(k);
        if (!m) return undefined;
        max = m.value;
        k = m.end;
      }
    }
    if (this.cps[k] !== 0x7d) return undefined;
    return { min: min.value, max, braces: true, end: k + 1 };
  }

  private applyRepeat(pieces: Piece[], rep: Repeat, start: number): void {
    if (rep.braces && (rep.min > MAX_REPEAT || rep.max > MAX_REPEAT || (rep.max >= 0 && rep.min > rep.max))) {
      throw this.fail('invalid repeat count', this.text(start, rep.end));
    }
    this.i = rep.end;
    let lazy = false;
    if (this.peek() === 0x3f) {
      lazy = true;
      this.i++;
    }
    const op = this.text(start);
    const last = pieces[pieces.length - 1];
    // Perl's a** is an error, not a doubled star (and a++ means something RE2 lacks).
    if (last?.kind === 'repeat')
      throw this.fail('invalid nested repetition operator', this.text(last.opStart));
    if (!last) throw this.fail('missing argument to repetition operator', op);
    let product = last.repeatProduct;
    if (rep.braces) {
      const m = rep.max < 0 ? rep.min : rep.max;
      // Go also limits the product of nested counts: (a{100}){20} is too large.
      if ((rep.min >= 2 || rep.max >= 2) && m * last.repeatProduct > MAX_REPEAT) {
        throw this.fail('invalid repeat count', op);
      }
      product = m === 0 ? 1 : m * last.repeatProduct;
    }
    const unbounded = rep.max < 0;
    if (unbounded && last.unbounded) this.backtrackRisk = true;
    if (this.flags.U) lazy = !lazy;
    let js: string;
    if (!rep.braces) js = String.fromCodePoint(this.cps[start]!);
    else if (rep.max === rep.min) js = `{${rep.min}}`;
    else js = `{${rep.min},${rep.max < 0 ? '' : rep.max}}`;
    // JS refuses to repeat an assertion; a group around it is the same thing.
    const base = last.kind === 'assert' ? `(?:${last.text})` : last.text;
    pieces[pieces.length - 1] = {
      text: base + js + (lazy ? '?' : ''),
      kind: 'repeat',
      opStart: start,
      repeatProduct: product,
      unbounded: last.unbounded || unbounded,
    };
  }

  /**
   * A flag group or an empty \Q\E ends Go's "previous token was a repetition" state without
   * adding an operand, so a following operator repeats the repetition: a*(?i)* is (?:a*)*.
   */
  private sealRepeat(pieces: Piece[]): void {
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'repeat')
      pieces[pieces.length - 1] = { ...last, text: `(?:${last.text})`, kind: 'atom' };
  }

  private atom(text: string, kind: Piece['kind'] = 'atom'): Piece {
    return { text, kind, opStart: -1, repeatProduct: 1, unbounded: false };
  }

  private parseAtom(pieces: Piece[], depth: number): void {
    const c = this.peek()!;
    switch (c) {
      case 0x28: // (
        this.parseGroup(pieces, depth);
        return;
      case 0x5b: // [
        pieces.push(this.atom(this.parseClass()));
        return;
      case 0x2e: // .
        this.i++;
        pieces.push(this.atom(this.flags.s ? '[^]' : '[^\\n]'));
        return;
      case 0x5e: // ^
        this.i++;
        pieces.push(this.atom(this.flags.m ? '(?<![^\\n])' : '^', 'assert'));
        return;
      case 0x24: // $
        this.i++;
        pieces.push(this.atom(this.flags.m ? '(?![^\\n])' : '$', 'assert'));
        return;
      case BACKSLASH:
        this.parseEscape(pieces);
        return;
      default:
        this.i++;
        pieces.push(this.atom(this.literal(c)));
    }
  }

  private literal(cp: number): string {
    if (this.scopedFold) {
      const orbit = foldOrbit(cp);
      if (orbit.length > 1) return `[${orbit.map(classChar).join('')}]`;
    }
    if (cp < 0x80) return SYNTAX_CHARS.has(cp) ? '\\' + String.fromCharCode(cp) : classChar(cp);
    return cp === 0x2028 || cp === 0x2029 ? classChar(cp) : String.fromCodePoint(cp);
  }

  private parseGroup(pieces: Piece[], depth: number): void {
    const start = this.i;
    if (depth + 2 > MAX_TREE_HEIGHT) throw this.fail('expression nests too deeply', this.src);
    const saved = { ...this.flags };
    let prefix = '(';
    if (this.peek(1) === 0x3f) {
      const rest = this.cps.length - start;
      const startsWithP = rest > 4 && this.peek(2) === 0x50 && this.peek(3) === 0x3c;
      const startsWithName = rest > 3 && this.peek(2) === 0x3c;
      if (startsWithP || startsWithName) {
        // Go reads any (?< as a named group, so a lookbehind fails here as a bad name.
        const end = this.cps.indexOf(0x3e, start);
        if (end < 0) throw this.fail('invalid named capture', this.text(start, this.cps.length));
        const name = this.text(start + (startsWithP ? 4 : 3), end);
        if (!/^[A-Za-z0-9_]+$/.test(name))
          throw this.fail('invalid named capture', this.text(start, end + 1));
        this.groupNames.push(name);
        this.i = end + 1;
      } else {
        const next = this.parseFlags(start);
        if (next === undefined) {
          // (?flags) alone changes the flags until the end of the enclosing group.
          this.sealRepeat(pieces);
          return;
        }
        prefix = '(?:';
      }
    } else {
      this.groupNames.push('');
      this.i++;
    }
    const body = this.parseAlternation(depth + 1);
    if (this.peek() !== 0x29) throw this.fail('missing closing )', this.src);
    this.i++;
    this.flags = saved;
    pieces.push({ ...body, text: prefix + body.text + ')', kind: 'atom', opStart: -1 });
  }

  /** (?flags) or (?flags: at `start`; returns ':' for a group, undefined for a bare flag change. */
  private parseFlags(start: number): ':' | undefined {
    const next = { ...this.flags };
    let negate = false;
    let sawFlag = false;
    let j = start + 2;
    while (j < this.cps.length) {
      const c = String.fromCodePoint(this.cps[j++]!);
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        next[c] = !negate;
        sawFlag = true;
        continue;
      }
      if (c === '-' && !negate) {
        negate = true;
        sawFlag = false;
        continue;
      }
      if ((c === ':' || c === ')') && !(negate && !sawFlag)) {
        this.flags = next;
        this.i = j;
        return c === ':' ? ':' : undefined;
      }
      break;
    }
    throw this.fail('invalid or unsupported Perl syntax', this.text(start, j));
  }

  private parseEscape(pieces: Piece[]): void {
    const start = this.i;
    const c = this.peek(1);
    if (c === undefined) throw this.fail('trailing backslash at end of expression', '');
    switch (String.fromCodePoint(c)) {
      case 'A':
        this.i += 2;
        pieces.push(this.atom('(?<![^])', 'assert'));
        return;
      case 'z':
        this.i += 2;
        pieces.push(this.atom('(?![^])', 'assert'));
        return;
      case 'b':
      case 'B':
        this.i += 2;
        pieces.push(this.atom('\\' + String.fromCodePoint(c), 'assert'));
        return;
      case 'C':
        // \C (any byte) is not supported by Go either.
        throw this.fail('invalid escape sequence', '\\C');
      case 'Q': {
        // \Q...\E: each character is its own literal, so a following * repeats only the last.
        this.i += 2;
        let end = this.i;
        while (end < this.cps.length && !(this.cps[end] === BACKSLASH && this.cps[end + 1] === 0x45)) end++;
        if (end === this.i) this.sealRepeat(pieces);
        for (; this.i < end; this.i++) pieces.push(this.atom(this.literal(this.cps[this.i]!)));
        this.i = Math.min(end + 2, this.cps.length);
        return;
      }
      case 'p':
      case 'P': {
        const cb = new ClassBuilder();
        this.unicodeClass(cb);
        pieces.push(this.atom(cb.toSource(false)));
        return;
      }
    }
    const group = this.perlGroup();
    if (group) {
      const cb = new ClassBuilder();
      cb.addGroup(group.ranges, group.negated, this.flags.i);
      this.i = start + 2;
      pieces.push(this.atom(cb.toSource(false)));
      return;
    }
    pieces.push(this.atom(this.literal(this.escapedRune())));
  }

  /** \d \D \s \S \w \W at this.i (not consumed). */
  private perlGroup(): { ranges: Range[]; negated: boolean } | undefined {
    if (this.peek() !== BACKSLASH) return undefined;
    const c = this.peek(1);
    const name = c === undefined ? '' : String.fromCodePoint(c);
    const ranges = PERL_GROUPS[name.toLowerCase()];
    return ranges && name.length === 1 ? { ranges, negated: name !== name.toLowerCase() } : undefined;
  }

  /** Go's parseEscape: a single-rune escape (\n, \x41, \x{263a}, \123, \.) at this.i. */
  private escapedRune(): number {
    const start = this.i;
    this.i++; // backslash
    const c = this.peek();
    if (c === undefined) throw this.fail('trailing backslash at end of expression', '');
    this.i++;
    const bad = (): GoRegexpSyntaxError => this.fail('invalid escape sequence', this.text(start));
    // Escaped punctuation is itself (Go once rejected \_ but now allows it).
    if (c < 0x80 && !isAsciiAlnum(c)) return c;
    if (isOctal(c)) {
      // \1-\7 alone would be a backreference, which RE2 lacks; \0 and \1NN are octal.
      if (c !== 0x30 && !isOctal(this.peek())) throw bad();
      let r = c - 0x30;
      for (let k = 1; k < 3 && isOctal(this.peek()); k++) r = r * 8 + (this.cps[this.i++]! - 0x30);
      return r;
    }
    switch (String.fromCodePoint(c)) {
      case 'x': {
        if (this.peek() === 0x7b) {
          this.i++;
          let r = 0;
          let digits = 0;
          for (;;) {
            const d = this.peek();
            if (d === undefined) throw bad();
            this.i++;
            if (d === 0x7d) break;
            const v = unhex(d);
            r = r * 16 + v;
            if (v < 0 || r > 0x10ffff) throw bad();
            digits++;
          }
          if (digits === 0) throw bad();
          return r;
        }
        const x = unhex(this.peek());
        if (this.peek() !== undefined) this.i++;
        const y = unhex(this.peek());
        if (this.peek() !== undefined) this.i++;
        if (x < 0 || y < 0) throw bad();
        return x * 16 + y;
      }
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
    }
    throw bad();
  }

  /** \pL, \p{Greek}, \P{^Lu} at this.i into `cb`. */
  private unicodeClass(cb: ClassBuilder): void {
    const start = this.i;
    let negated = this.peek(1) === 0x50;
    this.i += 2;
    let name: string;
    if (this.peek() === 0x7b) {
      const close = this.cps.indexOf(0x7d, this.i);
      if (close < 0) throw this.fail('invalid character class range', this.text(start, this.cps.length));
      name = this.text(this.i + 1, close);
      this.i = close + 1;
    } else {
      if (this.peek() !== undefined) this.i++;
      name = this.text(start + 2);
    }
    const seq = this.text(start);
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    if (name === 'Any') {
      cb.addGroup(ANY, negated, false);
      return;
    }
    if (!/^[A-Za-z_]+$/.test(name)) throw this.fail('invalid character class range', seq);
    const body = GENERAL_CATEGORIES.has(name) ? name : `Script=${name}`;
    try {
      new RegExp(`\\p{${body}}`, 'u');
    } catch {
      throw this.fail('invalid character class range', seq);
    }
    cb.addProperty(`\\${negated ? 'P' : 'p'}{${body}}`);
  }

  /** Go's parseClass: [...] at this.i. */
  private parseClass(): string {
    const start = this.i;
    this.i++;
    let negated = false;
    if (this.peek() === 0x5e) {
      negated = true;
      this.i++;
    }
    const cb = new ClassBuilder();
    for (let first = true; ; first = false) {
      const c = this.peek();
      if (c === undefined) throw this.fail('missing closing ]', this.text(start));
      if (c === 0x5d && !first) {
        this.i++;
        break;
      }
      if (c === 0x5b && this.peek(1) === 0x3a && this.posixClass(cb)) continue;
      if (c === BACKSLASH && (this.peek(1) === 0x70 || this.peek(1) === 0x50)) {
        this.unicodeClass(cb);
        continue;
      }
      const group = this.perlGroup();
      if (group) {
        cb.addGroup(group.ranges, group.negated, this.flags.i);
        this.i += 2;
        continue;
      }
      const rangeStart = this.i;
      const lo = this.classRune(start);
      let hi = lo;
      // [a-] is a and -, so a range needs something other than ] after the dash.
      if (this.peek() === 0x2d && this.peek(1) !== undefined && this.peek(1) !== 0x5d) {
        this.i++;
        hi = this.classRune(start);
        if (hi < lo) throw this.fail('invalid character class range', this.text(rangeStart));
      }
      cb.addRange(lo, hi, this.scopedFold);
    }
    return cb.toSource(negated);
  }

  /** [:alpha:] or [:^alpha:] when one starts at this.i; Go takes the text up to the next ":]". */
  private posixClass(cb: ClassBuilder): boolean {
    let j = this.i + 2;
    while (j + 1 < this.cps.length && !(this.cps[j] === 0x3a && this.cps[j + 1] === 0x5d)) j++;
    if (j + 1 >= this.cps.length) return false;
    const name = this.text(this.i, j + 2);
    const m = /^\[:(\^?)([a-z]+):\]$/.exec(name);
    const group = m && Object.hasOwn(POSIX_GROUPS, m[2]!) ? POSIX_GROUPS[m[2]!] : undefined;
    if (!m || !group) throw this.fail('invalid character class range', name);
    cb.addGroup(group, m[1] === '^', this.flags.i);
    this.i = j + 2;
    return true;
  }

  private classRune(classStart: number): number {
    const c = this.peek();
    if (c === undefined) throw this.fail('missing closing ]', this.text(classStart));
    if (c === BACKSLASH) return this.escapedRune();
    this.i++;
    return c;
  }
}

/** Translates a Go pattern; throws GoRegexpSyntaxError with Go's wording where Go would fail. */
export function translateGoRegexp(pattern: string): TranslatedGoRegexp {
  const t = new Translator(pattern);
  const source = t.translate();
  const names = new Map<string, number>();
  t.groupNames.forEach((name, index) => {
    if (name !== '' && !names.has(name)) names.set(name, index);
  });
  return {
    source,
    flags: t.globalFold ? 'iu' : 'u',
    numGroups: t.groupNames.length - 1,
    names,
    groupNames: t.groupNames,
    backtrackRisk: t.backtrackRisk,
  };
}
