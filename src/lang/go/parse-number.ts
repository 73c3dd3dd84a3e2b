// Go's strconv.ParseInt / ParseUint / ParseFloat acceptance rules. They decide what template
// literals mean, what sprig's and expr-lang's conversions accept, how gjson reads numbers and how
// Argo's data filters compare. Go's syntax allows '_' between digits (1_000, 0x_1F) only where
// underscoreOK says so; ParseInt allows them only with base 0.

export type FloatParse = { ok: true; value: number } | { ok: false; range: boolean; value: number };
export type IntParse = { ok: true; value: bigint } | { ok: false; range: boolean; value: bigint };

const SYNTAX_FLOAT: FloatParse = { ok: false, range: false, value: 0 };
const SYNTAX_INT: IntParse = { ok: false, range: false, value: 0n };

/** strconv's underscoreOK: '_' only between digits, a base prefix counting as a digit. */
function underscoreOK(s0: string): boolean {
  let s = s0;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  if (code >= 65 && code <= 90) return code - 65 + 10;
  return -1;
}

/**
 * strconv.ParseInt (signed) / ParseUint (unsigned) for 64-bit results. Base 0 reads Go's
 * prefixes (0x, 0o, 0b, leading 0 for octal) and allows underscores. On overflow `range` is set
 * and `value` is the clamped limit, as Go returns it.
 */
export function parseGoInt(s0: string, base0 = 0, signed = true): IntParse {
  let s = s0;
  if (s === '') return SYNTAX_INT;
  let neg = false;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = base0;
  const underscores = base === 0;
  if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      const p = s[1];
      if (s.length >= 3 && (p === 'b' || p === 'B')) {
        base = 2;
        s = s.slice(2);
      } else if (s.length >= 3 && (p === 'o' || p === 'O')) {
        base = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && (p === 'x' || p === 'X')) {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
        if (s === '') return { ok: true, value: 0n };
      }
    }
  }
  if (s === '') return SYNTAX_INT;
  let n = 0n;
  const b = BigInt(base);
  let sawUnderscore = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '_' && underscores) {
      sawUnderscore = true;
      continue;
    }
    const d = digitValue(s.charCodeAt(i));
    if (d < 0 || d >= base) return SYNTAX_INT;
    n = n * b + BigInt(d);
  }
  if (sawUnderscore && !underscoreOK(s0)) return SYNTAX_INT;
  const limit = signed ? (neg ? 1n << 63n : (1n << 63n) - 1n) : (1n << 64n) - 1n;
  if (n > limit) return { ok: false, range: true, value: neg ? -limit : limit };
  return { ok: true, value: neg ? -n : n };
}

/** Length of the run of digits (in base 10 or 16) and underscores starting at i. */
function digitRun(s: string, i: number, hex: boolean): number {
  let j = i;
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 95 || (c >= 48 && c <= 57)) continue;
    if (hex && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70))) continue;
    break;
  }
  return j - i;
}

/**
 * strconv.ParseFloat(s, 64). Out-of-range values report `range` with ±Inf as the value, as Go
 * does; underflow quietly gives 0 or a subnormal. Scanned by hand, in linear time, since the
 * input is often event data.
 */
export function parseGoFloat(s: string): FloatParse {
  let i = 0;
  const neg = s[0] === '-';
  if (neg || s[0] === '+') i = 1;
  const body = s.slice(i).toLowerCase();
  if (body === 'inf' || body === 'infinity') return { ok: true, value: neg ? -Infinity : Infinity };
  // Go reads a sign only before Inf: "+nan" is a syntax error.
  if (body === 'nan') return i === 0 ? { ok: true, value: NaN } : SYNTAX_FLOAT;
  const hex = s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X');
  if (hex) i += 2;
  const intStart = i;
  i += digitRun(s, i, hex);
  const intEnd = i;
  let fracStart = i;
  if (s[i] === '.') {
    fracStart = ++i;
    i += digitRun(s, i, hex);
  }
  const fracEnd = i;
  const mantissa = s.slice(intStart, intEnd) + s.slice(fracStart, fracEnd);
  if (!/[0-9a-fA-F]/.test(mantissa)) return SYNTAX_FLOAT;
  let expText = '';
  const expChar = hex ? 'p' : 'e';
  if (s[i] === expChar || s[i] === expChar.toUpperCase()) {
    const expStart = ++i;
    if (s[i] === '+' || s[i] === '-') i++;
    const n = digitRun(s, i, false);
    if (n === 0) return SYNTAX_FLOAT;
    i += n;
    expText = s.slice(expStart, i);
  } else if (hex) {
    return SYNTAX_FLOAT; // a hexadecimal mantissa needs a 'p' exponent
  }
  if (i !== s.length || (s.includes('_') && !underscoreOK(s))) return SYNTAX_FLOAT;
  let value: number;
  if (hex) {
    const fracDigits = s.slice(fracStart, fracEnd).replace(/_/g, '').length;
    const exp = Number(expText.replace(/_/g, '')) - 4 * fracDigits;
    value = hexFloatValue(mantissa.replace(/_/g, ''), exp);
    if (neg) value = -value;
  } else {
    value = Number(s.replace(/_/g, ''));
  }
  if (!Number.isFinite(value)) return { ok: false, range: true, value };
  return { ok: true, value };
}

/** digits (hex) × 2^exp: the mantissa is read exactly and rounded once by the BigInt → Number step. */
function hexFloatValue(digits: string, exp: number): number {
  const mantissa = Number(BigInt('0x' + digits));
  if (mantissa === 0) return 0;
  // Scale in two steps so that 2^exp alone cannot overflow or underflow when the result would not.
  const half = Math.trunc(exp / 2);
  return mantissa * 2 ** half * 2 ** (exp - half);
}
