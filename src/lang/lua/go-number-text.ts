// How gopher-lua prints a number used as a table key when Argo turns a Lua table into a JSON
// object (LNumber.String): whole numbers as integers, others as Go's fmt %v of a float64, which is
// strconv 'g' with the shortest digits and an exponent from 1e+06 upwards or below 1e-04.

import { formatFloatV } from '../go/format-float.js';

const TWO_63 = 2 ** 63;

export function goNumberText(n: number): string {
  if (Number.isInteger(n) && n >= -TWO_63 && n < TWO_63) return BigInt(n).toString();
  return formatFloatV(n);
}
