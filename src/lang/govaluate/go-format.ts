// Go's fmt "%v" rendering of JSON-like values. Both govaluate (string `+` concatenation, error
// messages) and expr-lang (`string()`) print values this way, and users see the result.

/**
 * strconv.FormatFloat(f, 'g', -1, 64) as fmt's %v uses it: the shortest digits that round-trip,
 * switching to exponent form when the decimal exponent is < -4 or >= 6 (1e+06, 1.5e-05).
 */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // toExponential() without an argument yields the shortest round-trip digits, like Go's shortest mode.
  const expForm = f.toExponential();
  const eAt = expForm.indexOf('e');
  const mantissa = expForm.slice(0, eAt);
  const exp = Number(expForm.slice(eAt + 1));
  // %v asks for the shortest form, for which strconv switches to %e at exponent 6.
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let out: string;
  if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return negative ? `-${out}` : out;
}

/** Values a Go library would hold as interface{}: JSON values, plus bigint for Go ints. */
export function formatGoValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatGoFloat(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '<nil>';
    case 'function':
      return '<func>';
    case 'object': {
      if (v === null) return '<nil>';
      if (Array.isArray(v)) return `[${v.map(formatGoValue).join(' ')}]`;
      if (v instanceof RegExp) return v.source;
      const record = v as Record<string, unknown>;
      // fmt prints map entries sorted by key.
      const keys = Object.keys(record).sort(compareGoStrings);
      return `map[${keys.map((k) => `${k}:${formatGoValue(record[k])}`).join(' ')}]`;
    }
    default:
      return String(v);
  }
}

/** Go compares strings bytewise (UTF-8); for code points this is code-point order. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      // Surrogates (astral code points) sort after every BMP code point in UTF-8 order.
      const sa = ca >= 0xd800 && ca <= 0xdfff;
      const sb = cb >= 0xd800 && cb <= 0xdfff;
      if (sa !== sb) return sa ? 1 : -1;
      return ca < cb ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
