// gojq matches with Go's regexp (RE2 syntax). This translates RE2 patterns to JS RegExp
// (`u` mode, so classes and `.` work on code points) and reproduces Go's match iteration.
// Constructs Go rejects (lookaround, backreferences) are rejected here too.
// Caveat: JS regexps backtrack, so a pathological pattern can be slow where RE2 is linear.

import { JqRuntimeError } from './errors.js';

export interface GoRegex {
  /** Global + sticky-free regexp with `d` (indices); use via `exec` with lastIndex. */
  readonly re: RegExp;
  /** Capture group names by group number - 1 (null for unnamed groups). */
  readonly names: (string | null)[];
}

export interface RegexMatch {
  /** UTF-16 offsets of the whole match and of each group (-1 when a group did not take part). */
  start: number;
  end: number;
  groups: [number, number][];
}

function regexError(pattern: string, detail: string): never {
  const msg = `invalid regular expression ${JSON.stringify(pattern)}: error parsing regexp: ${detail}`;
  throw new JqRuntimeError(msg, msg, false);
}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const GENERAL_CATEGORIES = new Set([
  'L',
  'Lu',
  'Ll',
  'Lt',
  'Lm',
  'Lo',
  'M',
  'Mn',
  'Mc',
  'Me',
  'N',
  'Nd',
  'Nl',
  'No',
  'P',
  'Pc',
  'Pd',
  'Ps',
  'Pe',
  'Pi',
  'Pf',
  'Po',
  'S',
  'Sm',
  'Sc',
  'Sk',
  'So',
  'Z',
  'Zs',
  'Zl',
  'Zp',
  'C',
  'Cc',
  'Cf',
  'Co',
  'Cs',
]);

// Go's \s is ASCII-only: [\t\n\f\r ] (no \v, no Unicode spaces).
const SPACE = '\\t\\n\\f\\r ';
const NOT_SPACE = '\\x00-\\x08\\x0B\\x0E-\\x1F\\x21-\\u{10FFFF}';

const hexEscape = (c: string): string => `\\u{${c.codePointAt(0)!.toString(16)}}`;

interface Flags {
  i: boolean;
  s: boolean; // dot matches newline
  m: boolean; // ^ and $ at line boundaries
}

class Translator {
  private i = 0;
  private out = '';
  readonly names: (string | null)[] = [];

  constructor(
    private readonly src: string,
    private readonly flags: Flags,
  ) {}

  run(): string {
    this.leadingFlags();
    while (this.i < this.src.length) this.atom();
    return this.out;
  }

  /** `(?is)` at the very start becomes JS flags; elsewhere JS cannot express it. */
  private leadingFlags(): void {
    for (;;) {
      const m = /^\(\?([imsU]*)(?:-([imsU]*))?\)/.exec(this.src.slice(this.i));
      if (!m) return;
      for (const f of m[1]!) this.setFlag(f, true);
      for (const f of m[2] ?? '') this.setFlag(f, false);
      this.i += m[0].length;
    }
  }

  private setFlag(f: string, on: boolean): void {
    if (f === 'U') regexError(this.src, 'the (?U) ungreedy flag is not supported');
    if (f === 'i' || f === 's' || f === 'm') this.flags[f] = on;
  }

  private atom(): void {
    const c = this.src[this.i]!;
    switch (c) {
      case '\\':
        this.out += this.escape(false);
        return;
      case '[':
        this.out += this.charClass();
        return;
      case '.':
        this.i++;
        this.out += this.flags.s ? '[\\s\\S]' : '[^\\n]';
        return;
      case '^':
        this.i++;
        this.out += this.flags.m ? '(?<![^\\n])' : '^';
        return;
      case '$':
        this.i++;
        this.out += this.flags.m ? '(?![^\\n])' : '(?![\\s\\S])';
        return;
      case '(':
        this.group();
        return;
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
        if (m) {
          if (Number(m[1]) > 1000 || (m[3] !== undefined && m[3] !== '' && Number(m[3]) > 1000)) {
            regexError(this.src, `invalid repeat count: \`${m[0]}\``);
          }
          this.out += m[0];
          this.i += m[0].length;
        } else {
          this.out += '\\{';
          this.i++;
        }
        return;
      }
      case '}':
      case ']':
        this.out += '\\' + c;
        this.i++;
        return;
      default: {
        const cp = String.fromCodePoint(this.src.codePointAt(this.i)!);
        this.out += cp;
        this.i += cp.length;
      }
    }
  }

  private group(): void {
    const rest = this.src.slice(this.i);
    const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest);
    if (named) {
      const index = this.names.length;
      this.names.push(named[1]!);
      // JS group names must be identifiers; ours are only looked up by number.
      this.out += `(?<g${index}_${named[1]}>`;
      this.i += named[0].length;
      return;
    }
    if (rest.startsWith('(?:')) {
      this.out += '(?:';
      this.i += 3;
      return;
    }
    if (rest.startsWith('(?')) {
      if (/^\(\?(=|!|<=|<!)/.test(rest))
        regexError(this.src, `invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
      regexError(
        this.src,
        `flag groups other than a leading (?i)/(?s)/(?m) are not supported: \`${rest.slice(0, 6)}\``,
      );
    }
    this.names.push(null);
    this.out += '(';
    this.i++;
  }

  /** Translates the escape at this.i; inside a class returns class content (no brackets). */
  private escape(inClass: boolean): string {
    const c = this.src[this.i + 1];
    if (c === undefined) regexError(this.src, 'trailing backslash at end of expression');
    this.i += 2;
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return '\\' + c;
      case 's':
        return inClass ? SPACE : `[${SPACE}]`;
      case 'S':
        return inClass ? NOT_SPACE : `[^${SPACE}]`;
      case 'b':
      case 'B':
        if (inClass) regexError(this.src, `invalid escape sequence: \`\\${c}\``);
        return '\\' + c;
      case 'A':
        return '(?<![\\s\\S])';
      case 'z':
        return '(?![\\s\\S])';
      case 'a':
        return '\\x07';
      case 'f':
        return '\\f';
      case 'n':
        return '\\n';
      case 'r':
        return '\\r';
      case 't':
        return '\\t';
      case 'v':
        return '\\v';
      case 'p':
      case 'P':
        return this.unicodeClass(c === 'P');
      case 'Q': {
        const end = this.src.indexOf('\\E', this.i);
        const lit = end < 0 ? this.src.slice(this.i) : this.src.slice(this.i, end);
        this.i = end < 0 ? this.src.length : end + 2;
        return Array.from(lit, (ch) => (/[A-Za-z0-9]/.test(ch) ? ch : hexEscape(ch))).join('');
      }
      case 'x': {
        const braced = /^\{([0-9A-Fa-f]+)\}/.exec(this.src.slice(this.i));
        if (braced) {
          this.i += braced[0].length;
          const cp = parseInt(braced[1]!, 16);
          if (cp > 0x10ffff) regexError(this.src, `invalid escape sequence: \`\\x${braced[0]}\``);
          return `\\u{${cp.toString(16)}}`;
        }
        const two = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.i));
        if (!two) regexError(this.src, 'invalid escape sequence: `\\x`');
        this.i += 2;
        return `\\x${two[0]}`;
      }
      default:
        break;
    }
    if (c >= '0' && c <= '7') {
      // Octal: \0, \0N, \0NN or \NNN; a lone \1-\9 would be a backreference, which RE2 lacks.
      const m = /^[0-7]{0,2}/.exec(this.src.slice(this.i))![0];
      if (c !== '0' && m.length < 2) regexError(this.src, `invalid escape sequence: \`\\${c}\``);
      this.i += m.length;
      return `\\u{${parseInt(c + m, 8).toString(16)}}`;
    }
    if (/[A-Za-z0-9]/.test(c)) regexError(this.src, `invalid escape sequence: \`\\${c}\``);
    // Any escaped punctuation is a literal.
    const cp = String.fromCodePoint(this.src.codePointAt(this.i - 1)!);
    this.i += cp.length - 1;
    return hexEscape(cp);
  }

  private unicodeClass(negated: boolean): string {
    let name: string;
    if (this.src[this.i] === '{') {
      const end = this.src.indexOf('}', this.i);
      if (end < 0) regexError(this.src, 'missing closing } in \\p{…}');
      name = this.src.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      name = this.src[this.i] ?? '';
      this.i++;
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    if (!/^[A-Za-z_]+$/.test(name)) regexError(this.src, `invalid character class range: \`\\p{${name}}\``);
    const prop = GENERAL_CATEGORIES.has(name) || name === 'Any' ? name : `Script=${name}`;
    const text = `\\${negated ? 'P' : 'p'}{${prop}}`;
    try {
      new RegExp(text, 'u');
    } catch {
      regexError(this.src, `invalid character class range: \`\\p{${name}}\``);
    }
    return text;
  }

  private charClass(): string {
    let out = '[';
    this.i++;
    if (this.src[this.i] === '^') {
      out += '^';
      this.i++;
    }
    let first = true;
    for (;;) {
      if (this.i >= this.src.length) regexError(this.src, 'missing closing ]');
      const c = this.src[this.i]!;
      if (c === ']' && !first) {
        this.i++;
        return out + ']';
      }
      first = false;
      if (c === '[' && this.src[this.i + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.i));
        if (m && POSIX[m[2]!] !== undefined) {
          if (m[1]) regexError(this.src, `negated POSIX classes like \`${m[0]}\` are not supported`);
          out += POSIX[m[2]!];
          this.i += m[0].length;
          continue;
        }
      }
      if (c === '\\') {
        out += this.escape(true);
        continue;
      }
      if (
        c === ']' ||
        c === '[' ||
        c === '{' ||
        c === '}' ||
        c === '/' ||
        c === '|' ||
        c === '(' ||
        c === ')'
      ) {
        out += '\\' + c;
        this.i++;
        continue;
      }
      const cp = String.fromCodePoint(this.src.codePointAt(this.i)!);
      out += cp;
      this.i += cp.length;
    }
  }
}

/** Maps V8's syntax error text to Go's wording for the common cases. */
function goStyleMessage(jsMessage: string, pattern: string): string {
  const m = jsMessage.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
  const quoted = '`' + pattern + '`';
  if (/Unterminated group/.test(m)) return `missing closing ): ${quoted}`;
  if (/Unmatched '\)'/.test(m)) return `unexpected ): ${quoted}`;
  if (/Unterminated character class/.test(m)) return `missing closing ]: ${quoted}`;
  if (/Nothing to repeat/.test(m)) return `missing argument to repetition operator: ${quoted}`;
  if (/out of order/.test(m)) return `invalid character class range: ${quoted}`;
  return m;
}

const cache = new Map<string, GoRegex>();
const CACHE_LIMIT = 500;

/** Compiles a pattern with gojq's flag string (g, i, m→dotall). Throws a catchable jq error. */
export function compileRegex(pattern: string, flags: string): GoRegex {
  const key = flags + '\u0000' + pattern;
  const hit = cache.get(key);
  if (hit) return hit;
  for (const f of flags) {
    if (f !== 'g' && f !== 'i' && f !== 'm') {
      const msg = `unsupported regular expression flag: ${JSON.stringify(flags)}`;
      throw new JqRuntimeError(msg, msg, false);
    }
  }
  const fl: Flags = { i: flags.includes('i'), s: flags.includes('m'), m: false };
  const t = new Translator(pattern, fl);
  const source = t.run();
  let re: RegExp;
  try {
    re = new RegExp(source, 'gud' + (fl.i ? 'i' : ''));
  } catch (e) {
    return regexError(pattern, goStyleMessage((e as Error).message, pattern));
  }
  const compiled: GoRegex = { re, names: t.names };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}

/**
 * Finds matches the way Go's FindAllStringSubmatchIndex does: after an empty match the search
 * moves one character on, and an empty match right where the previous match ended is skipped.
 */
export function findMatches(rx: GoRegex, s: string, all: boolean, tick: () => void): RegexMatch[] {
  const re = rx.re;
  const out: RegexMatch[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length) {
    tick();
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === start) {
      if (start === prevEnd) accept = false;
      const cp = s.codePointAt(start);
      pos = start + (cp !== undefined && cp > 0xffff ? 2 : 1);
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) {
      const groups: [number, number][] = [];
      for (let g = 1; g < m.length; g++) {
        const ix = m.indices?.[g];
        groups.push(ix ? [ix[0], ix[1]] : [-1, -1]);
      }
      out.push({ start, end, groups });
      if (!all) break;
    }
  }
  return out;
}
