// Go's regexp accepts a capture name used twice ("(?P<x>a)|(?P<x>b)"); re2js rejects it. Before
// compiling such a pattern we give each repeated name a unique stand-in and keep the real names,
// so SubexpNames and ${name} expansion answer as Go does.

export interface RenamedGroups {
  readonly pattern: string;
  /** stand-in name -> the name the user wrote */
  readonly original: ReadonlyMap<string, string>;
}

/** Renames the second and later uses of each capture name; escapes and classes are skipped. */
export function renameDuplicateGroups(pattern: string): RenamedGroups {
  const seen = new Map<string, number>();
  const original = new Map<string, string>();
  let out = '';
  let i = 0;
  let inClass = false;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const stop = end < 0 ? pattern.length : end + 2;
        out += pattern.slice(i, stop);
        i = stop;
        continue;
      }
      out += pattern.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (inClass) {
      if (pattern.startsWith('[:', i)) {
        const end = pattern.indexOf(':]', i + 2);
        if (end >= 0) {
          out += pattern.slice(i, end + 2);
          i = end + 2;
          continue;
        }
      }
      if (ch === ']') inClass = false;
      out += ch;
      i++;
      continue;
    }
    if (ch === '[') {
      // A ']' right after '[' or '[^' is a literal member.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      out += pattern.slice(i, j);
      i = j;
      inClass = true;
      continue;
    }
    const open = pattern.startsWith('(?P<', i) ? 4 : pattern.startsWith('(?<', i) ? 3 : 0;
    const close = open > 0 ? pattern.indexOf('>', i + open) : -1;
    if (close >= 0) {
      const name = pattern.slice(i + open, close);
      const uses = seen.get(name) ?? 0;
      seen.set(name, uses + 1);
      let given = name;
      if (uses > 0) {
        given = `${name}_${uses}`;
        while (pattern.includes(given) || original.has(given)) given += '_';
        original.set(given, name);
      }
      out += pattern.slice(i, i + open) + given + '>';
      i = close + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return { pattern: out, original };
}
