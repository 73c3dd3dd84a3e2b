// Go regexp (RE2) syntax → JavaScript RegExp source (always with the `u` flag), parsing the
// pattern the way regexp/syntax does so that what Go rejects (lookaround, backreferences,
// nested repetition) is rejected with Go's message, and what Go means is what JS matches:
// `.` never matches \n only, `\s` is ASCII, (?m) anchors only at \n, (?U) swaps greediness,
// named groups become numbered groups with a name table.

export class GoRegexpSyntaxError extends Error {
  constructor(
    readonly code: string,
    readonly expr: string,
  ) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
    this.name = 'GoRegexpSyntaxError';
  }
}

export interface TranslatedRegexp {
  source: string;
  flags: string;
  /** capture group count */
  numGroups: number;
  /** group name → index (1-based) */
  names: Map<string, number>;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const PERL_CLASSES: Record<string, string> = {
  d: '0-9',
  s: '\\t\\n\\f\\r ',
  w: '0-9A-Za-z_',
};

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u{0}-\\u{7f}',
  blank: '\\t ',
  cntrl: '\\u{0}-\\u{1f}\\u{7f}',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\u{b}\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const CATEGORIES = new Set([
  'C',
  'Cc',
  'Cf',
  'Co',
  'Cs',
  'L',
  'Ll',
  'Lm',
  'Lo',
  'Lt',
  'Lu',
  'M',
  'Mc',
  'Me',
  'Mn',
  'N',
  'Nd',
  'Nl',
  'No',
  'P',
  'Pc',
  'Pd',
  'Pe',
  'Pf',
  'Pi',
  'Po',
  'Ps',
  'S',
  'Sc',
  'Sk',
  'Sm',
  'So',
  'Z',
  'Zl',
  'Zp',
  'Zs',
]);

const SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);

/** Extra case-fold partners Go's (?i) matches beyond plain upper/lower. */
const FOLD_EXTRA: Record<number, number[]> = {
  0x6b: [0x212a],
  0x4b: [0x212a],
  0x212a: [0x6b, 0x4b],
  0x73: [0x17f],
  0x53: [0x17f],
  0x17f: [0x73, 0x53],
};

function esc(cp: number, inClass: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x2028 && cp <= 0x2029)) return `\\u{${cp.toString(16)}}`;
  if (inClass) return ch === '\\' || ch === ']' || ch === '[' || ch === '^' || ch === '-' ? '\\' + ch : ch;
  return SYNTAX.has(ch) ? '\\' + ch : ch;
}

function caseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const out = new Set<number>([cp]);
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    const c = v.codePointAt(0)!;
    if (String.fromCodePoint(c) === v) out.add(c);
  }
  for (const e of FOLD_EXTRA[cp] ?? []) out.add(e);
  return [...out];
}

const MAX_FOLD_EXPANSION = 5000;

class Translator {
  private i = 0;
  private readonly cps: number[];
  private flags: Flags = { i: false, m: false, s: false, U: false };
  numGroups = 0;
  readonly names = new Map<string, number>();
  jsIgnoreCase = false;

  constructor(private readonly src: string) {
    this.cps = [...src].map((c) => c.codePointAt(0)!);
  }

  private peek(k = 0): number | undefined {
    return this.cps[this.i + k];
  }
  private text(from: number, to = this.i): string {
    return String.fromCodePoint(...this.cps.slice(from, to));
  }
  private lookingAt(s: string): boolean {
    return this.text(this.i, this.i + [...s].length) === s;
  }

  translate(): string {
    // A leading flag group that sets i applies to the whole pattern: use JS's own flag.
    // (unless a later group turns it off, which JS cannot express: then expand per literal).
    const m = /^\(\?([imsU]*)\)/.exec(this.src);
    if (m && m[1]!.includes('i') && !/\(\?[imsU]*-[imsU]*i/.test(this.src)) this.jsIgnoreCase = true;
    const out = this.parseAlternation(0);
    if (this.i < this.cps.length) throw new GoRegexpSyntaxError('unexpected )', this.src);
    return out;
  }

  private parseAlternation(depth: number): string {
    const alts: string[] = [this.parseConcat(depth)];
    while (this.peek() === 0x7c) {
      this.i++;
      alts.push(this.parseConcat(depth));
    }
    return alts.join('|');
  }

  private parseConcat(depth: number): string {
    let out = '';
    // The last atom, for repetition; `quantifiable` is false for assertions JS won't repeat.
    let last: { text: string; start: number; kind: 'atom' | 'assert' | 'repeat' } | undefined;
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === 0x7c) break;
      if (c === 0x29) {
        if (depth === 0) throw new GoRegexpSyntaxError('unexpected )', this.src);
        break;
      }
      const start = this.i;
      if (c === 0x2a || c === 0x2b || c === 0x3f || (c === 0x7b && this.repeatAhead())) {
        const q = this.parseQuantifier();
        if (!last) throw new GoRegexpSyntaxError('missing argument to repetition operator', q.op);
        if (last.kind === 'repeat')
          throw new GoRegexpSyntaxError('invalid nested repetition operator', this.text(last.start, this.i));
        const base = last.kind === 'assert' ? `(?:${last.text})` : last.text;
        out = out.slice(0, out.length - last.text.length) + base + q.js;
        last = { text: base + q.js, start, kind: 'repeat' };
        continue;
      }
      const atom = this.parseAtom(depth);
      if (atom === undefined) {
        last = undefined;
        continue;
      }
      out += atom.text;
      last = { text: atom.text, start, kind: atom.assert ? 'assert' : 'atom' };
    }
    return out;
  }

  /** Whether `{` here starts a valid repeat like {2}, {2,} or {2,5} (else it is a literal). */
  private repeatAhead(): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.text(this.i, this.i + 24));
  }

  private parseQuantifier(): { js: string; op: string } {
    const start = this.i;
    const c = this.peek()!;
    let js: string;
    if (c === 0x7b) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.text(this.i, this.i + 24))!;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
      this.i += [...m[0]].length;
      if (min > 1000 || max > 1000 || (max >= 0 && min > max)) {
        throw new GoRegexpSyntaxError('invalid repeat count', this.text(start));
      }
      js = m[0];
    } else {
      this.i++;
      js = String.fromCodePoint(c);
    }
    let lazy = false;
    if (this.peek() === 0x3f) {
      this.i++;
      lazy = true;
    }
    if (this.flags.U) lazy = !lazy;
    const op = this.text(start);
    // Go rejects a repetition operator directly after another (e.g. `**`, `++`).
    const n = this.peek();
    if (n === 0x2a || n === 0x2b || n === 0x3f) {
      throw new GoRegexpSyntaxError('invalid nested repetition operator', op + String.fromCodePoint(n));
    }
    return { js: js + (lazy ? '?' : ''), op };
  }

  private parseAtom(depth: number): { text: string; assert?: boolean } | undefined {
    const c = this.peek()!;
    switch (c) {
      case 0x28:
        return this.parseGroup(depth);
      case 0x5b:
        return { text: this.parseClass() };
      case 0x2e:
        this.i++;
        return { text: this.flags.s ? '[^]' : '[^\\n]' };
      case 0x5e:
        this.i++;
        return { text: this.flags.m ? '(?<![^\\n])' : '^', assert: true };
      case 0x24:
        this.i++;
        return { text: this.flags.m ? '(?![^\\n])' : '$', assert: true };
      case 0x5c:
        return this.parseEscape();
      default:
        this.i++;
        return { text: this.literal(c) };
    }
  }

  private literal(cp: number): string {
    if (this.flags.i && !this.jsIgnoreCase) {
      const vs = caseVariants(cp);
      if (vs.length > 1) return '[' + vs.map((v) => esc(v, true)).join('') + ']';
    }
    return esc(cp, false);
  }

  private parseGroup(depth: number): { text: string } | undefined {
    const start = this.i;
    this.i++; // (
    const saved = { ...this.flags };
    let prefix = '(';
    if (this.peek() === 0x3f) {
      if (this.lookingAt('?P<') || this.lookingAt('?<')) {
        // Lookbehind `(?<=` / `(?<!` lands here too and fails as a bad name, as in Go.
        this.i += this.lookingAt('?P<') ? 3 : 2;
        const nameStart = this.i;
        while (this.peek() !== undefined && this.peek() !== 0x3e) this.i++;
        if (this.peek() === undefined)
          throw new GoRegexpSyntaxError('invalid named capture', this.text(start));
        const name = this.text(nameStart);
        this.i++; // >
        if (name === '' || !/^[\p{L}\p{Nd}_]+$/u.test(name)) {
          throw new GoRegexpSyntaxError('invalid named capture', this.text(start));
        }
        if (this.names.has(name)) throw new GoRegexpSyntaxError('duplicate capture group name', name);
        this.numGroups++;
        this.names.set(name, this.numGroups);
      } else {
        // flags: (?flags) or (?flags:re)
        this.i++;
        let neg = false;
        let sawFlag = false;
        const next = { ...this.flags };
        for (;;) {
          const ch = this.peek();
          if (ch === undefined) throw new GoRegexpSyntaxError('missing closing )', this.src);
          const s = String.fromCodePoint(ch);
          if (s === 'i' || s === 'm' || s === 's' || s === 'U') {
            next[s] = !neg;
            sawFlag = true;
            this.i++;
            continue;
          }
          if (s === '-' && !neg) {
            neg = true;
            sawFlag = false;
            this.i++;
            continue;
          }
          if ((s === ')' || s === ':') && !(neg && !sawFlag) && (sawFlag || s === ':')) {
            this.i++;
            if (s === ')') {
              // Flags change for the rest of the enclosing group.
              this.flags = next;
              return undefined;
            }
            this.flags = next;
            prefix = '(?:';
            break;
          }
          throw new GoRegexpSyntaxError('invalid or unsupported Perl syntax', this.text(start, this.i + 1));
        }
      }
    } else {
      this.numGroups++;
    }
    const body = this.parseAlternation(depth + 1);
    if (this.peek() !== 0x29) throw new GoRegexpSyntaxError('missing closing )', this.src);
    this.i++;
    this.flags = saved;
    return { text: prefix + body + ')' };
  }

  private parseEscape(): { text: string; assert?: boolean } {
    const start = this.i;
    this.i++; // backslash
    const c = this.peek();
    if (c === undefined) throw new GoRegexpSyntaxError('trailing backslash at end of expression', '');
    const ch = String.fromCodePoint(c);
    this.i++;
    switch (ch) {
      case 'A':
        return { text: '(?<![^])', assert: true };
      case 'z':
        return { text: '(?![^])', assert: true };
      case 'b':
        return { text: '\\b', assert: true };
      case 'B':
        return { text: '\\B', assert: true };
      case 'd':
      case 's':
      case 'w':
        return { text: '[' + PERL_CLASSES[ch]! + ']' };
      case 'D':
      case 'S':
      case 'W':
        return { text: '[^' + PERL_CLASSES[ch.toLowerCase()]! + ']' };
      case 'p':
      case 'P':
        return { text: this.unicodeClass(start, ch === 'P', false) };
      case 'Q': {
        let out = '';
        while (this.i < this.cps.length && !this.lookingAt('\\E')) out += this.literal(this.cps[this.i++]!);
        if (this.lookingAt('\\E')) this.i += 2;
        return { text: out === '' ? '(?:)' : `(?:${out})` };
      }
    }
    this.i = start;
    const cp = this.escapedRune(false);
    return { text: this.literal(cp) };
  }

  /** A single-rune escape (\n, \x41, \x{263a}, \123, \.) at this.i; advances past it. */
  private escapedRune(inClass: boolean): number {
    const start = this.i;
    this.i++; // backslash
    const c = this.peek();
    if (c === undefined) throw new GoRegexpSyntaxError('trailing backslash at end of expression', '');
    this.i++;
    const ch = String.fromCodePoint(c);
    const bad = (): never => {
      throw new GoRegexpSyntaxError('invalid escape sequence', this.text(start));
    };
    if (c >= 0x30 && c <= 0x37) {
      // Octal: \0 alone is NUL; \1-\7 are backreferences in Perl, which Go rejects.
      if (c !== 0x30 && !(this.peek() !== undefined && this.peek()! >= 0x30 && this.peek()! <= 0x37)) bad();
      let v = c - 0x30;
      for (let k = 0; k < 2; k++) {
        const d = this.peek();
        if (d === undefined || d < 0x30 || d > 0x37) break;
        v = v * 8 + (d - 0x30);
        this.i++;
      }
      return v;
    }
    switch (ch) {
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 't':
        return 9;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 'v':
        return 11;
      case 'x': {
        if (this.peek() === 0x7b) {
          this.i++;
          const hs = this.i;
          while (this.peek() !== undefined && this.peek() !== 0x7d) this.i++;
          const hex = this.text(hs);
          if (this.peek() !== 0x7d || !/^[0-9a-fA-F]+$/.test(hex)) bad();
          this.i++;
          const v = parseInt(hex, 16);
          if (v > 0x10ffff) bad();
          return v;
        }
        const hex = this.text(this.i, this.i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) bad();
        this.i += 2;
        return parseInt(hex, 16);
      }
    }
    if (c < 0x80 && !/[0-9A-Za-z]/.test(ch)) return c;
    void inClass;
    return bad();
  }

  private unicodeClass(start: number, negated0: boolean, inClass: boolean): string {
    let negated = negated0;
    let name: string;
    if (this.peek() === 0x7b) {
      this.i++;
      const ns = this.i;
      while (this.peek() !== undefined && this.peek() !== 0x7d) this.i++;
      if (this.peek() === undefined)
        throw new GoRegexpSyntaxError('invalid character class range', this.text(start));
      name = this.text(ns);
      this.i++;
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
    } else {
      const c = this.peek();
      if (c === undefined) throw new GoRegexpSyntaxError('invalid character class range', this.text(start));
      this.i++;
      name = String.fromCodePoint(c);
    }
    let prop: string;
    if (name === 'Any') prop = 'Any';
    else if (CATEGORIES.has(name)) prop = name;
    else prop = `Script=${name}`;
    const body = `\\p{${prop}}`;
    try {
      new RegExp(body, 'u');
    } catch {
      throw new GoRegexpSyntaxError('invalid character class range', this.text(start));
    }
    const p = (negated ? '\\P' : '\\p') + `{${prop}}`;
    return inClass ? p : p;
  }

  private parseClass(): string {
    const start = this.i;
    this.i++; // [
    let negate = false;
    if (this.peek() === 0x5e) {
      negate = true;
      this.i++;
    }
    const items: string[] = [];
    const singles: number[] = [];
    const ranges: Array<[number, number]> = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new GoRegexpSyntaxError('missing closing ]', this.text(start));
      if (c === 0x5d && !first) {
        this.i++;
        break;
      }
      first = false;
      // POSIX class
      if (c === 0x5b && this.peek(1) === 0x3a) {
        const rest = this.text(this.i, this.i + 16);
        const m = /^\[:(\^?)([a-z]+):\]/.exec(rest);
        if (m) {
          const set = Object.prototype.hasOwnProperty.call(POSIX, m[2]!) ? POSIX[m[2]!] : undefined;
          if (!set) throw new GoRegexpSyntaxError('invalid character class range', m[0]);
          this.i += m[0].length;
          items.push(m[1] ? this.negatedSet(set) : set);
          continue;
        }
      }
      if (c === 0x5c) {
        const n = this.peek(1);
        if (n !== undefined) {
          const nc = String.fromCodePoint(n);
          if (nc === 'd' || nc === 's' || nc === 'w') {
            this.i += 2;
            items.push(PERL_CLASSES[nc]!);
            continue;
          }
          if (nc === 'D' || nc === 'S' || nc === 'W') {
            this.i += 2;
            items.push(this.negatedSet(PERL_CLASSES[nc.toLowerCase()]!));
            continue;
          }
          if (nc === 'p' || nc === 'P') {
            const s = this.i;
            this.i += 2;
            items.push(this.unicodeClass(s, nc === 'P', true));
            continue;
          }
        }
      }
      const loStart = this.i;
      const lo = this.classRune();
      if (this.peek() === 0x2d && this.peek(1) !== undefined && this.peek(1) !== 0x5d) {
        this.i++; // -
        const hi = this.classRune();
        if (hi < lo)
          throw new GoRegexpSyntaxError('invalid character class range', this.text(loStart, this.i));
        ranges.push([lo, hi]);
      } else singles.push(lo);
    }
    if (this.flags.i && !this.jsIgnoreCase) {
      let budget = MAX_FOLD_EXPANSION;
      for (const [lo, hi] of [...ranges]) {
        if (hi - lo > budget)
          throw new GoRegexpSyntaxError('invalid or unsupported Perl syntax', '(?i) over a wide range');
        budget -= hi - lo;
        for (let cp = lo; cp <= hi; cp++)
          for (const v of caseVariants(cp)) if (v < lo || v > hi) singles.push(v);
      }
      for (const s of [...singles]) for (const v of caseVariants(s)) singles.push(v);
    }
    for (const s of new Set(singles)) items.push(esc(s, true));
    for (const [lo, hi] of ranges) items.push(esc(lo, true) + '-' + esc(hi, true));
    if (items.length === 0) return negate ? '[^]' : '[]';
    return (negate ? '[^' : '[') + items.join('') + ']';
  }

  /** JS has no set subtraction in u-mode; a negated ASCII set inside a class is spelled out. */
  private negatedSet(set: string): string {
    const re = new RegExp(`[${set}]`, 'u');
    const parts: string[] = [];
    let runStart = -1;
    for (let cp = 0; cp <= 0x80; cp++) {
      const inSet = cp < 0x80 && re.test(String.fromCodePoint(cp));
      if (!inSet && cp < 0x80) {
        if (runStart < 0) runStart = cp;
      } else if (runStart >= 0) {
        parts.push(esc(runStart, true) + '-' + esc(cp - 1, true));
        runStart = -1;
      }
    }
    parts.push('\\u{80}-\\u{10ffff}');
    return parts.join('');
  }

  private classRune(): number {
    const c = this.peek()!;
    if (c === 0x5c) return this.escapedRune(true);
    this.i++;
    return c;
  }
}

export function translateGoRegexp(pattern: string): TranslatedRegexp {
  const t = new Translator(pattern);
  const source = t.translate();
  const flags = 'u' + (t.jsIgnoreCase ? 'i' : '');
  try {
    new RegExp(source, flags);
  } catch (e) {
    throw new GoRegexpSyntaxError(
      'invalid or unsupported Perl syntax',
      pattern + ` (${e instanceof Error ? e.message : ''})`,
    );
  }
  return { source, flags, numGroups: t.numGroups, names: t.names };
}
