// Compiles gjson path text into the tree in ast.ts. Where a path "splits" (which `.` continues
// inside the current value, which `|` applies to the result so far) follows gjson's own parser,
// because that decides what `a.#.b|0` versus `a.#.b.0` return.

import type { ChainPath, Component, GetPath, KeyComponent } from './ast.js';
import { GjsonError } from './errors.js';
import {
  compileLiteral,
  compileModifier,
  compileMulti,
  startsPipe,
  type SubCompiler,
} from './parse-forms.js';
import { parseQueryAt } from './parse-query.js';
import { topLevelPipe } from './scan.js';
import { compileWildcard } from './wildcard.js';

/** Nesting of sub-paths (queries, `#.`, multipaths) and components per chain we accept. */
const MAX_NESTING = 64;
const MAX_COMPONENTS = 2048;

interface Ctx {
  /** the whole path, for error messages */
  readonly source: string;
}

export function compilePath(path: string): GetPath {
  return compileGet({ source: path }, path, 0, 0);
}

/** A path as gjson.Get receives it: modifiers, literals and multipaths are only recognised here. */
function compileGet(ctx: Ctx, s: string, base: number, nesting: number): GetPath {
  if (nesting > MAX_NESTING) {
    throw new GjsonError(`nesting deeper than ${MAX_NESTING} levels; simplify the path`, ctx.source, base);
  }
  if (s.length > 1) {
    const c = s[0];
    const sub: SubCompiler = (text, at, level) => compileGet(ctx, text, at, level);
    const special =
      c === '@'
        ? compileModifier(sub, s, base, nesting)
        : c === '!'
          ? compileLiteral(sub, s, base, nesting)
          : c === '[' || c === '{'
            ? compileMulti(sub, s, base, nesting)
            : null;
    if (special) return special;
  }
  return compileChain(ctx, s, base, nesting);
}

/** One key component starting at `pos`, read with gjson's object-key rules (escapes, wildcards). */
function keyAt(s: string, pos: number): { comp: KeyComponent; end: number } {
  let part = '';
  let wild = false;
  let escaped = false;
  let i = pos;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '.' || c === '|') break;
    if (c === '\\') {
      escaped = true;
      if (i + 1 < s.length) part += s[++i];
      continue;
    }
    if (c === '*' || c === '?') wild = true;
    part += c;
  }
  const raw = s.slice(pos, i);
  return {
    comp: {
      k: 'key',
      part,
      pattern: wild ? compileWildcard(part) : null,
      // Array elements are addressed by plain digits only (gjson's parseUint on the raw text).
      index: !escaped && /^[0-9]+$/.test(raw) ? Number(raw) : -1,
      next: null,
    },
    end: i,
  };
}

/** Components joined by `.`, up to the first `|` (or `.` + modifier/multipath) that ends the chain. */
function compileChain(ctx: Ctx, s: string, base: number, nesting: number): ChainPath {
  const drafts: Component[] = [];
  let pipeAt = -1;
  let pos = 0;
  for (;;) {
    if (drafts.length >= MAX_COMPONENTS) {
      throw new GjsonError(`more than ${MAX_COMPONENTS} components`, ctx.source, base + pos);
    }
    if (s[pos] === '#') {
      const after = s[pos + 1];
      if (after === '.') {
        // `#.rest`: rest runs per element up to the top-level pipe.
        const from = pos + 2;
        const p = topLevelPipe(s, from);
        const subEnd = p < 0 ? s.length : p;
        drafts.push({ k: 'each', sub: compileGet(ctx, s.slice(from, subEnd), base + from, nesting + 1) });
        pipeAt = p;
        break;
      }
      if (after === '(' || after === '[') {
        const q = parseQueryAt(s, pos);
        if (q) {
          const all = s[q.end] === '#';
          // gjson ignores anything between the query and the next separator.
          let sep = q.end;
          while (sep < s.length && s[sep] !== '.' && s[sep] !== '|') sep++;
          let more: GetPath | null = null;
          if (s[sep] === '.') {
            const p = topLevelPipe(s, sep + 1);
            const moreEnd = p < 0 ? s.length : p;
            more = compileGet(ctx, s.slice(sep + 1, moreEnd), base + sep + 1, nesting + 1);
            pipeAt = p;
          } else if (s[sep] === '|') {
            pipeAt = sep;
          }
          const qpathStart = pos + 2;
          drafts.push({
            k: 'query',
            all,
            more,
            query: {
              pathText: q.pathText,
              path: compileGet(ctx, q.pathText, base + qpathStart, nesting + 1),
              op: q.op,
              value: q.value,
            },
          });
          break;
        }
      }
      if (after === undefined || after === '|') {
        drafts.push({ k: 'count' });
        pipeAt = after === '|' ? pos + 1 : -1;
        break;
      }
    }
    const { comp, end } = keyAt(s, pos);
    drafts.push(comp);
    if (s[end] === '|') {
      pipeAt = end;
      break;
    }
    if (s[end] === '.') {
      if (end < s.length - 1 && startsPipe(s, end + 1)) {
        pipeAt = end;
        break;
      }
      pos = end + 1;
      continue;
    }
    break;
  }
  // Link key components back to front (each key continues into the component after it).
  let head: Component = drafts[drafts.length - 1]!;
  for (let i = drafts.length - 2; i >= 0; i--) {
    head = { ...(drafts[i] as KeyComponent), next: head };
  }
  const pipe = pipeAt < 0 ? null : compileGet(ctx, s.slice(pipeAt + 1), base + pipeAt + 1, nesting + 1);
  return { k: 'chain', head, pipe };
}
