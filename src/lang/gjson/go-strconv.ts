// The few Go strconv behaviours gjson's Result exposes: how numbers print (String()), and how
// strings turn into numbers (Float()) and booleans (Bool()).

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** strconv.ParseFloat(s, 64): undefined on a syntax error; ±Infinity when out of range, as Go does. */
export function parseGoFloat(s: string): number | undefined {
  if (DECIMAL.test(s)) return Number(s);
  const special = SPECIAL.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return special[1] === '' ? NaN : undefined;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const hex = HEX_FLOAT.exec(s);
  if (hex) {
    const intPart = hex[2] ?? '';
    const fracPart = hex[3] ?? '';
    if (intPart === '' && fracPart === '') return undefined;
    // Exact enough for float64: the mantissa is read in full, then scaled by powers of two.
    let mantissa = 0;
    for (const c of intPart + fracPart) mantissa = mantissa * 16 + parseInt(c, 16);
    const value = mantissa * Math.pow(2, Number(hex[4]) - 4 * fracPart.length);
    return hex[1] === '-' ? -value : value;
  }
  return undefined;
}

/** strconv.ParseBool(strings.ToLower(s)), as gjson's Bool() uses it; undefined when not a boolean. */
export function parseGoBoolLower(s: string): boolean | undefined {
  switch (s.toLowerCase()) {
    case '1':
    case 't':
    case 'true':
      return true;
    case '0':
    case 'f':
    case 'false':
      return false;
    default:
      return undefined;
  }
}

const EXPONENT_FORM = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;

/**
 * strconv.FormatFloat(n, 'f', -1, 64): the shortest digits that round-trip, never in exponent
 * form (1e21 prints as 1000000000000000000000, 1e-7 as 0.0000001).
 */
export function formatGoFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const s = String(n);
  const m = EXPONENT_FORM.exec(s);
  if (!m) return s;
  const sign = m[1]!;
  const digits = m[2]! + (m[3] ?? '');
  const point = 1 + Number(m[4]);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
