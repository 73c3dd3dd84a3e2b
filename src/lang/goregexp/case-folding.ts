// Go's (?i) matches every member of a code point's simple case-folding orbit (k, K and the
// Kelvin sign K; s, S and ſ; σ, ς and Σ ...). JS can only apply its `i` flag to a whole pattern,
// so a scoped (?i) is spelled out as classes of orbit members. ASCII is answered directly; the
// rest comes from a table built once, on first need, from JS's own case mappings.

export type Range = [lo: number, hi: number];

/** The fold partners of ASCII letters outside ASCII (unicode.SimpleFold's cycles for k and s). */
const ASCII_EXTRA: Record<number, number> = { 0x4b: 0x212a, 0x6b: 0x212a, 0x53: 0x17f, 0x73: 0x17f };

// Highest code point with a case mapping (Go's maxFold; Adlam).
const MAX_FOLD = 0x1e943;
// Dotless ı upper-cases to I, but only Turkish folding pairs them; simple folding (Go's and JS's
// /iu) leaves it alone.
const TURKIC_DOTLESS_I = 0x131;

function asciiOrbit(cp: number): number[] {
  const lower = cp | 0x20;
  if (lower < 0x61 || lower > 0x7a) return [cp];
  const out = [lower, lower - 0x20];
  const extra = ASCII_EXTRA[cp];
  if (extra !== undefined) out.push(extra);
  return out;
}

function singleCodePoint(s: string): number | undefined {
  const cp = s.codePointAt(0);
  return cp !== undefined && String.fromCodePoint(cp) === s ? cp : undefined;
}

interface FoldTable {
  /** every code point with a non-trivial orbit, ascending */
  cased: number[];
  orbits: Map<number, number[]>;
}

let table: FoldTable | undefined;

/** Groups every code point that changes under case mapping by its folded form (lower of upper). */
function foldTable(): FoldTable {
  if (table) return table;
  const candidates: number[] = [];
  const all: number[] = [];
  for (let cp = 0x80; cp <= MAX_FOLD; cp++) if (cp < 0xd800 || cp > 0xdfff) all.push(cp);
  const CHUNK = 8192;
  let text = '';
  for (let k = 0; k < all.length; k += CHUNK) text += String.fromCodePoint(...all.slice(k, k + CHUNK));
  for (const m of text.matchAll(/\p{Changes_When_Casemapped}/gu)) candidates.push(m[0].codePointAt(0)!);
  const groups = new Map<number, number[]>();
  for (const cp of candidates) {
    if (cp === TURKIC_DOTLESS_I) continue;
    const ch = String.fromCodePoint(cp);
    const upper = singleCodePoint(ch.toUpperCase());
    const key =
      (upper !== undefined ? singleCodePoint(String.fromCodePoint(upper).toLowerCase()) : undefined) ??
      singleCodePoint(ch.toLowerCase()) ??
      cp;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = [key]));
    if (!group.includes(cp)) group.push(cp);
  }
  const orbits = new Map<number, number[]>();
  for (const group of groups.values()) {
    // Complete the orbit with the members' own upper and lower forms (ſ's orbit holds S too).
    for (const cp of [...group]) {
      const ch = String.fromCodePoint(cp);
      for (const v of [singleCodePoint(ch.toUpperCase()), singleCodePoint(ch.toLowerCase())]) {
        if (v !== undefined && v !== TURKIC_DOTLESS_I && !group.includes(v)) group.push(v);
      }
    }
    if (group.length < 2) continue;
    for (const cp of group) if (cp >= 0x80) orbits.set(cp, group);
  }
  table = { cased: [...orbits.keys()].sort((a, b) => a - b), orbits };
  return table;
}

/** The orbit of cp (cp itself included); a single element when case does not apply. */
export function foldOrbit(cp: number): readonly number[] {
  if (cp < 0x80) return asciiOrbit(cp);
  if (cp > MAX_FOLD) return [cp];
  return foldTable().orbits.get(cp) ?? [cp];
}

/** Adds [lo, hi] and the orbits of all its members to `out` (Go's appendFoldedRange). */
export function addFoldedRange(out: Range[], lo: number, hi: number): void {
  out.push([lo, hi]);
  for (let cp = Math.max(lo, 0x41); cp <= Math.min(hi, 0x7a); cp++) {
    for (const f of asciiOrbit(cp)) if (f < lo || f > hi) out.push([f, f]);
  }
  if (hi < 0x80 || lo > MAX_FOLD) return;
  const { cased, orbits } = foldTable();
  // First cased code point >= lo, by binary search.
  let a = 0;
  let b = cased.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (cased[mid]! < lo) a = mid + 1;
    else b = mid;
  }
  for (let k = a; k < cased.length && cased[k]! <= hi; k++) {
    for (const f of orbits.get(cased[k]!)!) if (f < lo || f > hi) out.push([f, f]);
  }
}
