// Go's fmt (Sprint, Sprintln, Sprintf) over the value model in ../values.ts: verbs, flags,
// width/precision, argument indexes and the %!verb(type=value) error forms.

import { GoTime } from '../time/go-time.js';
import { formatDuration } from '../time/duration.js';
import { monthName, timeString, weekdayName } from '../time/layout.js';
import { GoInt, goTypeName, isGoMap, mapGet, sortedKeys, type GoValue } from '../values.js';
import { runeCount, utf8Encode } from '../../go/utf8.js';
import { hexEncode } from '../encoding/hashes.js';
import { formatFloat, formatFloatV } from '../../go/format-float.js';
import { canBackquote, isPrint, quoteGo, quoteRuneGo } from '../../go/quote.js';

/** String() of Go types that implement fmt.Stringer, or undefined. */
export function stringerValue(v: GoValue): string | undefined {
  if (v instanceof GoTime) return timeString(v);
  if (v instanceof GoInt) {
    switch (v.type) {
      case 'time.Month':
        return monthName(v.v);
      case 'time.Weekday':
        return weekdayName(v.v);
      case 'time.Duration':
        return formatDuration(v.v);
    }
  }
  return undefined;
}

/** fmt's %v of a single value (what {{ . }} prints), fast for the common cases. */
export function formatV(v: GoValue): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatFloatV(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v instanceof GoInt) return stringerValue(v) ?? String(v.v);
  const p = new Printer();
  p.printArg(v, 'v');
  return p.buf;
}

class Printer {
  buf = '';
  private plus = false;
  private minus = false;
  private sharp = false;
  private space = false;
  private zero = false;
  private plusV = false;
  private sharpV = false;
  private wid = 0;
  private prec = 0;
  private widPresent = false;
  private precPresent = false;
  private erroring = false;

  clearFlags(): void {
    this.plus = this.minus = this.sharp = this.space = this.zero = false;
    this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
    this.widPresent = this.precPresent = false;
  }

  private writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero && !this.minus ? '0' : ' ').repeat(n);
  }

  private pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  private truncate(s: string): string {
    if (!this.precPresent) return s;
    let n = this.prec;
    let i = 0;
    for (const ch of s) {
      if (n-- <= 0) return s.slice(0, i);
      i += ch.length;
    }
    return s;
  }

  private badVerb(verb: string, arg: GoValue): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (arg === undefined || arg === null) this.buf += '<nil>';
    else {
      this.buf += goTypeName(arg) + '=';
      this.printArg(arg, 'v');
    }
    this.buf += ')';
    this.erroring = false;
  }

  printArg(arg: GoValue, verb: string): void {
    if (arg === undefined || arg === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtS(goTypeName(arg));
      return;
    }
    if (verb === 'p') {
      this.badVerb(verb, arg);
      return;
    }
    this.printValue(arg, verb, 0);
  }

  private handleMethods(v: GoValue, verb: string): boolean {
    if (this.erroring || this.sharpV) return false;
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    const s = stringerValue(v);
    if (s === undefined) return false;
    this.fmtString(s, verb, v);
    return true;
  }

  private printValue(v: GoValue, verb: string, depth: number): void {
    if (v === undefined || v === null) {
      // A nil element of a []interface{} or map prints <nil> whatever the verb.
      this.buf += this.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    if (this.handleMethods(v, verb)) return;
    switch (typeof v) {
      case 'boolean':
        if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
        else this.badVerb(verb, v);
        return;
      case 'number':
        this.fmtFloat(v, verb);
        return;
      case 'string':
        this.fmtString(v, verb, v);
        return;
    }
    if (v instanceof GoInt) {
      this.fmtInteger(v, verb);
      return;
    }
    if (v instanceof GoTime) {
      this.badVerb(verb, v);
      return;
    }
    if (Array.isArray(v)) {
      if (this.sharpV) {
        this.buf += goTypeName(v) + '{';
        v.forEach((e, i) => {
          if (i > 0) this.buf += ', ';
          this.printValue(e, verb, depth + 1);
        });
        this.buf += '}';
        return;
      }
      this.buf += '[';
      v.forEach((e, i) => {
        if (i > 0) this.buf += ' ';
        this.printValue(e, verb, depth + 1);
      });
      this.buf += ']';
      return;
    }
    if (isGoMap(v)) {
      this.buf += this.sharpV ? goTypeName(v) + '{' : 'map[';
      sortedKeys(v).forEach((k, i) => {
        if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
        this.printValue(k, verb, depth + 1);
        this.buf += ':';
        this.printValue(mapGet(v, k), verb, depth + 1);
      });
      this.buf += this.sharpV ? '}' : ']';
    }
  }

  private fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  private fmtString(s: string, verb: string, orig: GoValue): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case 's':
        this.fmtS(s);
        return;
      case 'x':
      case 'X':
        this.fmtSx(s, verb === 'X');
        return;
      case 'q':
        this.fmtQ(s);
        return;
      default:
        this.badVerb(verb, orig);
    }
  }

  private fmtQ(s0: string): void {
    const s = this.truncate(s0);
    if (this.sharp && canBackquote(s)) {
      this.pad('`' + s + '`');
      return;
    }
    this.pad(quoteGo(s, this.plus));
  }

  private fmtSx(s: string, upper: boolean): void {
    const bytes = utf8Encode(s);
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    const x = upper ? 'X' : 'x';
    let out = this.sharp ? '0' + x : '';
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        out += ' ';
        if (this.sharp) out += '0' + x;
      }
      out += hexEncode(bytes.subarray(i, i + 1), upper);
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  private fmtInteger(n: GoInt, verb: string): void {
    const unsigned = n.type === 'uint8';
    switch (verb) {
      case 'v':
        if (this.sharpV && unsigned) {
          this.sharp = true;
          this.intDigits(n.v, 16, 'x');
          this.sharp = false;
        } else this.intDigits(n.v, 10, verb);
        return;
      case 'd':
        this.intDigits(n.v, 10, verb);
        return;
      case 'b':
        this.intDigits(n.v, 2, verb);
        return;
      case 'o':
      case 'O':
        this.intDigits(n.v, 8, verb);
        return;
      case 'x':
      case 'X':
        this.intDigits(n.v, 16, verb);
        return;
      case 'c':
        this.pad(String.fromCodePoint(validRune(n.v)));
        return;
      case 'q':
        this.pad(quoteRuneGo(validRune(n.v), this.plus));
        return;
      case 'U':
        this.fmtUnicode(n.v);
        return;
      default:
        this.badVerb(verb, n);
    }
  }

  private intDigits(v: number, base: number, verb: string): void {
    const negative = v < 0;
    const u = Math.abs(v);
    if (this.precPresent && this.prec === 0 && u === 0) {
      const oldZero = this.zero;
      this.zero = false;
      this.writePadding(this.wid);
      this.zero = oldZero;
      return;
    }
    let prec = 0;
    if (this.precPresent) prec = this.prec;
    else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let digits = BigInt(u).toString(base);
    if (verb === 'X') digits = digits.toUpperCase();
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (this.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (this.plus) digits = '+' + digits;
    else if (this.space) digits = ' ' + digits;
    const oldZero = this.zero;
    this.zero = false;
    this.pad(digits);
    this.zero = oldZero;
  }

  private fmtUnicode(v: number): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = 'U+' + v.toString(16).toUpperCase().padStart(prec, '0');
    if (this.sharp && v >= 0 && v <= 0x10ffff && isPrint(v)) s += " '" + String.fromCodePoint(v) + "'";
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  private fmtFloat(v: number, verb: string): void {
    let fmt: string;
    let prec: number;
    switch (verb) {
      case 'v':
        fmt = 'g';
        prec = -1;
        break;
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        fmt = verb;
        prec = -1;
        break;
      case 'f':
      case 'e':
      case 'E':
        fmt = verb;
        prec = 6;
        break;
      case 'F':
        fmt = 'f';
        prec = 6;
        break;
      default:
        this.badVerb(verb, v);
        return;
    }
    if (this.precPresent) prec = this.prec;
    let num = formatFloat(v, fmt, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.zero;
      this.zero = false;
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.pad(num);
      this.zero = oldZero;
      return;
    }
    if (this.sharp) {
      let digits = 0;
      if (fmt === 'g' || fmt === 'G' || fmt === 'x' || fmt === 'X') digits = prec === -1 ? 6 : prec;
      let tail = '';
      let body = num;
      const expAt = fmt === 'x' || fmt === 'X' ? body.search(/[pP]/) : body.search(/[eEpP]/);
      if (expAt >= 0) {
        tail = body.slice(expAt);
        body = body.slice(0, expAt);
      }
      let sawNonzero = false;
      for (let i = 1; i < body.length; i++) {
        const c = body[i]!;
        if (c === '.') continue;
        if (c !== '0') sawNonzero = true;
        if (sawNonzero) digits--;
      }
      if (!body.includes('.')) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      while (digits > 0) {
        body += '0';
        digits--;
      }
      num = body + tail;
    }
    if (this.plus || num[0] !== '+') {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  // --- Sprintf driver -------------------------------------------------------

  doPrintf(format: string, a: GoValue[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;

    const parsenum = (i: number): { num: number; ok: boolean; next: number } => {
      let num = 0;
      let ok = false;
      let j = i;
      while (j < end && format.charCodeAt(j) >= 48 && format.charCodeAt(j) <= 57) {
        if (num > 1e6) return { num: 0, ok: false, next: end };
        num = num * 10 + (format.charCodeAt(j) - 48);
        ok = true;
        j++;
      }
      return { num, ok, next: j };
    };
    const argNumber = (i: number): { i: number; found: boolean } => {
      if (i >= end || format[i] !== '[') return { i, found: false };
      reordered = true;
      // parseArgNumber
      let ok = false;
      let index = 0;
      let wid = 1;
      for (let j = 1; j < end - i; j++) {
        if (format[i + j] === ']') {
          const r = parsenum(i + 1);
          if (!r.ok || r.next !== i + j) {
            wid = j + 1;
            break;
          }
          index = r.num - 1;
          wid = j + 1;
          ok = true;
          break;
        }
      }
      if (end - i < 3) {
        ok = false;
        wid = 1;
      }
      if (ok && index >= 0 && index < a.length) {
        argNum = index;
        return { i: i + wid, found: true };
      }
      goodArgNum = false;
      return { i: i + wid, found: ok };
    };
    const intFromArg = (): { num: number; ok: boolean } => {
      let num = 0;
      let ok = false;
      if (argNum < a.length) {
        const v = a[argNum];
        if (v instanceof GoInt) {
          num = v.v;
          ok = true;
        }
        argNum++;
        if (num > 1e6 || num < -1e6) {
          num = 0;
          ok = false;
        }
      }
      return { num, ok };
    };

    let i = 0;
    formatLoop: while (i < end) {
      goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearFlags();
      simple: for (; i < end; i++) {
        const c = format[i]!;
        switch (c) {
          case '#':
            this.sharp = true;
            break;
          case '0':
            this.zero = true;
            break;
          case '+':
            this.plus = true;
            break;
          case '-':
            this.minus = true;
            break;
          case ' ':
            this.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v') {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      let r = argNumber(i);
      i = r.i;
      afterIndex = r.found;
      if (i < end && format[i] === '*') {
        i++;
        const w = intFromArg();
        this.wid = w.num;
        this.widPresent = w.ok;
        if (!w.ok) this.buf += '%!(BADWIDTH)';
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        const p = parsenum(i);
        this.wid = p.num;
        this.widPresent = p.ok;
        i = p.next;
        if (afterIndex && this.widPresent) goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        r = argNumber(i);
        i = r.i;
        afterIndex = r.found;
        if (i < end && format[i] === '*') {
          i++;
          const p = intFromArg();
          this.prec = p.num;
          this.precPresent = p.ok;
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!p.ok) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          const p = parsenum(i);
          this.prec = p.num;
          this.precPresent = p.ok;
          i = p.next;
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }
      if (!afterIndex) {
        r = argNumber(i);
        i = r.i;
        afterIndex = r.found;
      }
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i)!);
      i += verb.length;
      if (verb === '%') {
        this.buf += '%';
      } else if (!goodArgNum) {
        this.buf += '%!' + verb + '(BADINDEX)';
      } else if (argNum >= a.length) {
        this.buf += '%!' + verb + '(MISSING)';
      } else {
        if (verb === 'v') {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!reordered && argNum < a.length) {
      this.clearFlags();
      this.buf += '%!(EXTRA ';
      a.slice(argNum).forEach((arg, k) => {
        if (k > 0) this.buf += ', ';
        if (arg === undefined || arg === null) this.buf += '<nil>';
        else {
          this.buf += goTypeName(arg) + '=';
          this.printArg(arg, 'v');
        }
      });
      this.buf += ')';
    }
  }
}

function validRune(v: number): number {
  if (v < 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0xfffd;
  return v;
}

function isStringArg(v: GoValue): boolean {
  return typeof v === 'string';
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  if (args.length === 1) return formatV(args[0]);
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = isStringArg(arg);
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.clearFlags();
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.buf;
}

/** fmt.Sprintln. */
export function sprintln(args: GoValue[]): string {
  return args.map((a) => formatV(a)).join(' ') + '\n';
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: GoValue[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}
