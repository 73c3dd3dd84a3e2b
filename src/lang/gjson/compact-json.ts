// Result.Raw for a JS value: JSON.stringify, except that BigInt numbers (from a parser that keeps
// integers beyond 2^53 exact) are written as plain JSON numbers instead of throwing.

function write(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : write(x))).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v)) {
      if (x !== undefined) parts.push(`${JSON.stringify(k)}:${write(x)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function compactJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch (e) {
    // JSON.stringify only throws here for BigInt (parsed JSON has no cycles).
    if (e instanceof TypeError) return write(v);
    throw e;
  }
}
