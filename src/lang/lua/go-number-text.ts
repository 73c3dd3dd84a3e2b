// How gopher-lua prints a number used as a table key when Argo turns a Lua table into a JSON
// object (LNumber.String): whole numbers as integers, others as Go's fmt %v of a float64, which is
// strconv 'g' with the shortest digits and an exponent from 1e+06 upwards or below 1e-04.

const TWO_63 = 2 ** 63;

export function goNumberText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Number.isInteger(n) && n >= -TWO_63 && n < TWO_63) return BigInt(n).toString();
  const [mantissa = '', expText = '0'] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  // In this range JavaScript's shortest form is plain decimal notation, as Go's is.
  return String(n);
}
