// Splits an sjson path into components the way sjson's parsePath does. A path is "simple" when
// every component is a plain key or index; any unescaped `| # @ * ?` makes it a gjson path, which
// sjson can only use to replace values that already exist.

export interface SjsonComponent {
  /** key with escapes removed */
  readonly part: string;
  /** index used to find an existing array element (plain digits only), else -1 */
  readonly index: number;
  /** `:key` forces an object key even when it looks like a number */
  readonly force: boolean;
  /** creates (or pads) an array when missing: all digits and not forced ('' counts, as n=0) */
  readonly numeric: boolean;
}

export type ParsedSjsonPath =
  { readonly simple: true; readonly components: readonly SjsonComponent[] } | { readonly simple: false };

const COMPLEX = new Set(['|', '#', '@', '*', '?']);

export function parseSjsonPath(path: string): ParsedSjsonPath {
  const components: SjsonComponent[] = [];
  let pos = 0;
  for (;;) {
    let force = false;
    if (path[pos] === ':') {
      force = true;
      pos++;
    }
    let part = '';
    let escaped = false;
    let i = pos;
    for (; i < path.length; i++) {
      const c = path[i]!;
      if (c === '.') break;
      if (c === '\\') {
        escaped = true;
        if (i + 1 < path.length) part += path[++i];
        continue;
      }
      if (COMPLEX.has(c)) return { simple: false };
      part += c;
    }
    const raw = path.slice(pos, i);
    components.push({
      part,
      index: !escaped && /^[0-9]+$/.test(raw) ? Number(raw) : -1,
      force,
      numeric: !force && /^[0-9]*$/.test(part),
    });
    if (i >= path.length) break;
    pos = i + 1;
  }
  return { simple: true, components };
}
