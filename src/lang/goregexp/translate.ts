// Go RE2 syntax (package regexp) translated to an equivalent JavaScript RegExp (`u` mode).
// Used by govaluate's =~ / !~ and expr-lang's `matches`. Only "does it match anywhere" is needed
// (Go's MatchString is unanchored), so group names are dropped and semantics that differ between
// the engines are rewritten: `.` excludes only \n, `\s` is ASCII, (?m) anchors break only at \n,
// inline flags (?i) (?s) (?m) (?U) are scoped like Go, and Perl-only syntax Go rejects is rejected.

export class GoRegexpSyntaxError extends Error {
  constructor(
    message: string,
    /** offset in the pattern where the problem was found */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'GoRegexpSyntaxError';
  }
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const MAX_REPEAT = 1000;
const GO_SPACE_CLASS = '\\t\\n\\f\\r ';
const GENERAL_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);
/** ASCII classes usable as [[:name:]] (and negated, [[:^name:]]), as code point ranges. */
const POSIX_CLASSES: Record<string, [number, number][]> = {
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

function rangesText(ranges: [number, number][], negate: boolean): string {
  let list = ranges;
  if (negate) {
    list = [];
    let next = 0;
    for (const [lo, hi] of ranges) {
      if (lo > next) list.push([next, lo - 1]);
      next = hi + 1;
    }
    list.push([next, 0x10ffff]);
  }
  return list.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
}

/** Compile a Go regexp pattern; throws GoRegexpSyntaxError with Go's wording where Go would fail. */
export function compileGoRegexp(pattern: string): RegExp {
  const { source, flags } = translateGoRegexp(pattern);
  try {
    return new RegExp(source, flags);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new GoRegexpSyntaxError(`error parsing regexp: ${detail}: \`${pattern}\``, 0);
  }
}

export function translateGoRegexp(pattern: string): { source: string; flags: string } {
  return new Translator(pattern).run();
}

function hex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function isAsciiAlnum(cp: number): boolean {
  return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}

/** Code points equal to cp under simple case folding (approximated by upper/lower mapping). */
function caseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const out = new Set<number>([cp]);
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    const vcp = v.codePointAt(0);
    if (vcp !== undefined && String.fromCodePoint(vcp) === v) out.add(vcp);
  }
  return [...out];
}

type ClassItem = { kind: 'char'; cp: number } | { kind: 'raw'; text: string };

class Translator {
  private pos = 0;
  private out = '';
  private flags: Flags = { i: false, m: false, s: false, U: false };
  private readonly stack: Flags[] = [];
  /** JS `i` flag is used when (?i) leads the whole pattern; then literals need no expansion. */
  private globalI = false;
  /** whether the last emitted item can take a quantifier, and whether it already has one */
  private canRepeat = false;
  private lastWasRepeat = false;
  private itemStart = 0;
  private itemIsAssertion = false;

  constructor(private readonly src: string) {}

  run(): { source: string; flags: string } {
    const src = this.src;
    this.detectLeadingCaseFlag();
    while (this.pos < src.length) {
      const cp = src.codePointAt(this.pos)!;
      const width = cp > 0xffff ? 2 : 1;
      switch (cp) {
        case 0x5c: // backslash
          this.escapeOutsideClass();
          break;
        case 0x5b: // [
          this.charClass();
          break;
        case 0x28: // (
          this.openGroup();
          break;
        case 0x29: // )
          this.closeGroup();
          break;
        case 0x7c: // |
          this.pos++;
          this.out += '|';
          this.noOperand();
          break;
        case 0x2e: // .
          this.pos++;
          this.emit(this.flags.s ? '[\\s\\S]' : '[^\\n]');
          break;
        case 0x5e: // ^
          this.pos++;
          this.emit(this.flags.m ? '(?<![^\\n])' : '^', true);
          break;
        case 0x24: // $
          this.pos++;
          this.emit(this.flags.m ? '(?![^\\n])' : '$', true);
          break;
        case 0x2a: // *
        case 0x2b: // +
        case 0x3f: // ?
          this.repeat(String.fromCodePoint(cp), this.pos + 1);
          break;
        case 0x7b: {
          // {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.pos));
          if (m) {
            const min = Number(m[1]);
            const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
            if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
              throw this.fail('invalid repeat count', m[0]);
            }
            this.repeat(m[0], this.pos + m[0].length);
          } else {
            // Not a repetition: Go reads the brace literally.
            this.pos++;
            this.literal(cp);
          }
          break;
        }
        default:
          this.pos += width;
          this.literal(cp);
      }
    }
    if (this.stack.length > 0) throw this.fail('missing closing )', src);
    return { source: this.out, flags: this.globalI ? 'iu' : 'u' };
  }

  private fail(code: string, fragment: string): GoRegexpSyntaxError {
    return new GoRegexpSyntaxError(`error parsing regexp: ${code}: \`${fragment}\``, this.pos);
  }

  private detectLeadingCaseFlag(): void {
    const m = /^\(\?([imsU]*)\)/.exec(this.src);
    // Only a leading, unconditional (?i) maps to the JS flag; anything scoped is expanded locally.
    if (m?.[1]?.includes('i') && !/\(\?[imsU]*-[imsU]*i/.test(this.src)) this.globalI = true;
  }

  /** Append one repeatable item; JS refuses quantified assertions, so those get wrapped if repeated. */
  private emit(text: string, isAssertion = false): void {
    this.itemStart = this.out.length;
    this.itemIsAssertion = isAssertion;
    this.out += text;
    this.canRepeat = true;
    this.lastWasRepeat = false;
  }

  private noOperand(): void {
    this.canRepeat = false;
    this.lastWasRepeat = false;
  }

  private repeat(op: string, end: number): void {
    const fragment = this.src.slice(this.pos, end);
    if (this.lastWasRepeat) throw this.fail('invalid nested repetition operator', fragment);
    if (!this.canRepeat) throw this.fail('missing argument to repetition operator', fragment);
    this.pos = end;
    let lazy = false;
    if (this.src[this.pos] === '?') {
      lazy = true;
      this.pos++;
    }
    if (this.flags.U) lazy = !lazy;
    if (this.itemIsAssertion) {
      this.out = `${this.out.slice(0, this.itemStart)}(?:${this.out.slice(this.itemStart)})`;
    }
    this.out += op + (lazy ? '?' : '');
    this.canRepeat = false;
    this.lastWasRepeat = true;
  }

  private literal(cp: number): void {
    if (this.flags.i && !this.globalI) {
      const variants = caseVariants(cp);
      if (variants.length > 1) {
        this.emit(`[${variants.map(hex).join('')}]`);
        return;
      }
    }
    this.emit(isAsciiAlnum(cp) || cp > 0x7f ? String.fromCodePoint(cp) : hex(cp));
  }

  private openGroup(): void {
    const src = this.src;
    const start = this.pos;
    this.stack.push({ ...this.flags });
    if (src[start + 1] !== '?') {
      this.pos++;
      this.out += '(';
      this.noOperand();
      return;
    }
    const rest = src.slice(start);
    if (rest.startsWith('(?<') || rest.startsWith('(?P<')) {
      // Go reads any (?< as a named group, so a lookbehind is a bad group name there.
      const named = /^\(\?P?<([^>]*)>/.exec(rest);
      if (!named || !/^[A-Za-z0-9_]+$/.test(named[1] ?? '')) {
        throw this.fail('invalid named capture', named ? named[0] : rest);
      }
      // Names only matter for submatch extraction, which no caller needs: keep a plain group.
      this.pos += named[0].length;
      this.out += '(';
      this.noOperand();
      return;
    }
    const flagGroup = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
    // Lookarounds, backreferences, atomic groups and a dangling "-" are not RE2.
    if (!flagGroup || flagGroup[2] === '') {
      throw this.fail('invalid or unsupported Perl syntax', rest.slice(0, 3));
    }
    const set = flagGroup[1] ?? '';
    const clear = flagGroup[2] ?? '';
    const next: Flags = { ...this.flags };
    for (const f of set) next[f as keyof Flags] = true;
    for (const f of clear) next[f as keyof Flags] = false;
    if (next.i !== this.flags.i && this.globalI && !next.i) {
      throw this.fail('unsupported case-sensitivity switch after a leading (?i)', flagGroup[0]);
    }
    this.pos += flagGroup[0].length;
    if (flagGroup[3] === ')') {
      // (?flags) changes flags until the end of the enclosing group.
      this.stack.pop();
      this.flags = next;
      this.noOperand();
      return;
    }
    this.flags = next;
    this.out += '(?:';
    this.noOperand();
  }

  private closeGroup(): void {
    const saved = this.stack.pop();
    if (!saved) throw this.fail('unexpected )', this.src);
    this.flags = saved;
    this.pos++;
    this.emit(')');
  }

  private escapeOutsideClass(): void {
    const src = this.src;
    const start = this.pos;
    const c = src[start + 1];
    if (c === undefined) throw this.fail('trailing backslash at end of expression', '');
    switch (c) {
      case 'A':
        this.pos += 2;
        this.emit('(?<![\\s\\S])', true);
        return;
      case 'z':
        this.pos += 2;
        this.emit('(?![\\s\\S])', true);
        return;
      case 'b':
      case 'B':
        this.pos += 2;
        this.emit(`\\${c}`, true);
        return;
      case 'Q': {
        const end = src.indexOf('\\E', start + 2);
        const text = end < 0 ? src.slice(start + 2) : src.slice(start + 2, end);
        this.pos = end < 0 ? src.length : end + 2;
        for (const ch of text) this.literal(ch.codePointAt(0)!);
        return;
      }
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        this.pos += 2;
        this.emit(`\\${c}`);
        return;
      case 's':
        this.pos += 2;
        this.emit(`[${GO_SPACE_CLASS}]`);
        return;
      case 'S':
        this.pos += 2;
        this.emit(`[^${GO_SPACE_CLASS}]`);
        return;
      case 'p':
      case 'P':
        this.emit(this.unicodeClass(false));
        return;
    }
    const cp = this.singleCharEscape();
    this.literal(cp);
  }

  /** \p{Greek}, \pL, \P{^Lu}: returns JS text; inClass yields an item usable inside [...]. */
  private unicodeClass(inClass: boolean): string {
    const src = this.src;
    const start = this.pos;
    let negate = src[start + 1] === 'P';
    let name: string;
    if (src[start + 2] === '{') {
      const close = src.indexOf('}', start + 3);
      if (close < 0) throw this.fail('invalid character class range', src.slice(start));
      name = src.slice(start + 3, close);
      this.pos = close + 1;
    } else {
      const cp = src.codePointAt(start + 2);
      if (cp === undefined) throw this.fail('invalid character class range', src.slice(start));
      name = String.fromCodePoint(cp);
      this.pos = start + 2 + name.length;
    }
    if (name.startsWith('^')) {
      negate = !negate;
      name = name.slice(1);
    }
    const fragment = src.slice(start, this.pos);
    if (!/^[A-Za-z_]+$/.test(name)) throw this.fail('invalid character class range', fragment);
    let body: string;
    if (name === 'Any') {
      if (inClass && negate) throw this.fail('invalid character class range', fragment);
      return negate ? '[^\\s\\S]' : inClass ? '\\u{0}-\\u{10ffff}' : '[\\s\\S]';
    } else if (GENERAL_CATEGORIES.has(name)) {
      body = name;
    } else {
      body = `Script=${name}`;
    }
    const text = `\\${negate ? 'P' : 'p'}{${body}}`;
    try {
      new RegExp(text, 'u');
    } catch {
      throw this.fail('invalid character class range', fragment);
    }
    return text;
  }

  /** Escapes naming one character: \x41 \x{263a} \123 \n \. ; advances past them. */
  private singleCharEscape(): number {
    const src = this.src;
    const start = this.pos;
    const c = src[start + 1]!;
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (c in simple) {
      this.pos += 2;
      return simple[c]!;
    }
    if (c === 'x') {
      if (src[start + 2] === '{') {
        const m = /^\\x\{([0-9A-Fa-f]+)\}/.exec(src.slice(start));
        const value = m ? parseInt(m[1]!, 16) : NaN;
        if (!m || value > 0x10ffff) throw this.fail('invalid escape sequence', src.slice(start, start + 3));
        this.pos += m[0].length;
        return value;
      }
      const m = /^\\x([0-9A-Fa-f]{2})/.exec(src.slice(start));
      if (!m) throw this.fail('invalid escape sequence', src.slice(start, start + 4));
      this.pos += 4;
      return parseInt(m[1]!, 16);
    }
    if (c >= '0' && c <= '7') {
      // A lone \1-\7 is a backreference, which RE2 does not support.
      const m = /^\\([0-7]{1,3})/.exec(src.slice(start))!;
      if (c !== '0' && m[1]!.length === 1) throw this.fail('invalid escape sequence', `\\${c}`);
      this.pos += m[0].length;
      return parseInt(m[1]!, 8);
    }
    const cp = src.codePointAt(start + 1)!;
    if (cp < 0x80 && !isAsciiAlnum(cp)) {
      this.pos += 2;
      return cp;
    }
    throw this.fail('invalid escape sequence', `\\${String.fromCodePoint(cp)}`);
  }

  private charClass(): void {
    const src = this.src;
    const start = this.pos;
    this.pos++;
    let negated = false;
    if (src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const items: ClassItem[] = [];
    let first = true;
    for (;;) {
      if (this.pos >= src.length) throw this.fail('missing closing ]', src.slice(start));
      const cp = src.codePointAt(this.pos)!;
      if (cp === 0x5d && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (cp === 0x5b && src[this.pos + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(this.pos));
        if (m) {
          const ranges = POSIX_CLASSES[m[2]!];
          if (ranges === undefined) throw this.fail('invalid character class range', m[0]);
          items.push({ kind: 'raw', text: rangesText(ranges, m[1] === '^') });
          this.pos += m[0].length;
          continue;
        }
      }
      const lo = this.classAtom();
      if (
        lo.kind === 'char' &&
        src[this.pos] === '-' &&
        this.pos + 1 < src.length &&
        src[this.pos + 1] !== ']'
      ) {
        const rangeStart = this.pos;
        this.pos++;
        const hi = this.classAtom();
        if (hi.kind !== 'char' || hi.cp < lo.cp) {
          throw this.fail('invalid character class range', src.slice(rangeStart - 1, this.pos));
        }
        items.push({ kind: 'raw', text: this.rangeText(lo.cp, hi.cp) });
        continue;
      }
      if (lo.kind === 'char') {
        items.push({ kind: 'raw', text: this.classCharText(lo.cp) });
      } else {
        items.push(lo);
      }
    }
    const body = items.map((it) => (it.kind === 'raw' ? it.text : hex(it.cp))).join('');
    this.emit(`[${negated ? '^' : ''}${body}]`);
  }

  private classCharText(cp: number): string {
    if (this.flags.i && !this.globalI) return caseVariants(cp).map(hex).join('');
    return hex(cp);
  }

  private rangeText(lo: number, hi: number): string {
    let text = `${hex(lo)}-${hex(hi)}`;
    if (this.flags.i && !this.globalI) {
      // Scoped (?i): add the other case of ASCII letter ranges (non-ASCII ranges stay as written).
      const a = Math.max(lo, 0x61);
      const b = Math.min(hi, 0x7a);
      if (a <= b) text += `${hex(a - 32)}-${hex(b - 32)}`;
      const A = Math.max(lo, 0x41);
      const B = Math.min(hi, 0x5a);
      if (A <= B) text += `${hex(A + 32)}-${hex(B + 32)}`;
    }
    return text;
  }

  private classAtom(): ClassItem {
    const src = this.src;
    const cp = src.codePointAt(this.pos)!;
    if (cp !== 0x5c) {
      this.pos += cp > 0xffff ? 2 : 1;
      return { kind: 'char', cp };
    }
    const c = src[this.pos + 1];
    if (c === undefined) throw this.fail('trailing backslash at end of expression', '');
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        this.pos += 2;
        return { kind: 'raw', text: `\\${c}` };
      case 's':
        this.pos += 2;
        return { kind: 'raw', text: GO_SPACE_CLASS };
      case 'S':
        this.pos += 2;
        return { kind: 'raw', text: '\\S' };
      case 'p':
      case 'P':
        return { kind: 'raw', text: this.unicodeClass(true) };
    }
    return { kind: 'char', cp: this.singleCharEscape() };
  }
}
