// Canonical JSON (sorted keys) and a short deterministic hash of it: used to tell whether a
// dependency or trigger definition changed between two versions of a Sensor, and for idempotency keys.

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** 128-bit FNV-1a over UTF-16 code units, as 32 hex chars: stable across runs and platforms. */
export function hash128(text: string): string {
  // Four independent 32-bit FNV-1a lanes with different offsets, mixed per lane.
  const lanes = [0x811c9dc5, 0x050c5d1f, 0x1b873593, 0x6a09e667];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    for (let l = 0; l < 4; l++) {
      lanes[l] = Math.imul((lanes[l]! ^ (c + l * 0x9e37)) >>> 0, 0x01000193) >>> 0;
    }
  }
  return lanes
    .map((h) => {
      // final avalanche (murmur3 fmix32) so that similar inputs differ in every hex digit
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b) >>> 0;
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35) >>> 0;
      h ^= h >>> 16;
      return (h >>> 0).toString(16).padStart(8, '0');
    })
    .join('');
}
