// The forms gjson only recognises at the start of a (sub-)path: `@modifier[:arg]`, `!literal`,
// and `[a,b]` / `{a,"k":b}` multipaths. Sub-paths inside them are compiled by the callback, so the
// nesting depth and error offsets stay with the main compiler.

import {
  MODIFIER_NAMES,
  MISSING,
  type GetPath,
  type LiteralPath,
  type ModifierName,
  type ModifierPath,
  type MultiPath,
  type Selector,
} from './ast.js';
import { parseGoFloat } from '../go/parse-number.js';
import { groupEnd, stringEnd } from './scan.js';

/** Compiles the sub-path `s` found at offset `base`, one nesting level below the caller. */
export type SubCompiler = (s: string, base: number, nesting: number) => GetPath;

const MODIFIERS: ReadonlySet<string> = new Set(MODIFIER_NAMES);

/** The rest after a modifier, literal or multipath applies to its output when it starts with `.`/`|`. */
function compileThen(sub: SubCompiler, s: string, at: number, base: number, nesting: number): GetPath | null {
  const c = s[at];
  return c === '.' || c === '|' ? sub(s.slice(at + 1), base + at + 1, nesting + 1) : null;
}

function modifierNameEnd(s: string, from: number): number {
  let i = from;
  while (i < s.length && s[i] !== '.' && s[i] !== '|' && s[i] !== ':') i++;
  return i;
}

/** gjson's isDotPiperChar: after a `.`, these start a new gjson.Get on the result so far. */
export function startsPipe(s: string, at: number): boolean {
  const c = s[at];
  if (c === '[' || c === '{') return true;
  if (c !== '@') return false;
  return MODIFIERS.has(s.slice(at + 1, modifierNameEnd(s, at + 1)));
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function compileModifier(
  sub: SubCompiler,
  s: string,
  base: number,
  nesting: number,
): ModifierPath | null {
  const nameEnd = modifierNameEnd(s, 1);
  const name = s.slice(1, nameEnd);
  if (!MODIFIERS.has(name)) return null;
  let arg = '';
  let rest = nameEnd;
  if (s[nameEnd] === ':' && nameEnd + 1 < s.length) {
    const a = nameEnd + 1;
    const lead = s[a];
    if (lead === '{' || lead === '[' || lead === '"') {
      rest = groupEnd(s, a);
    } else {
      // A plain argument runs to the next `|` (not `.`), skipping bracketed or quoted parts.
      rest = a;
      while (rest < s.length && s[rest] !== '|') {
        const c = s[rest];
        rest = c === '{' || c === '[' || c === '"' || c === '(' ? groupEnd(s, rest) : rest + 1;
      }
    }
    arg = s.slice(a, rest);
  } else if (s[nameEnd] === ':') {
    rest = s.length;
  }
  return {
    k: 'modifier',
    name: name as ModifierName,
    arg,
    argJson: arg === '' ? undefined : tryParseJson(arg),
    argPath: name === 'dig' ? sub(arg, base + nameEnd + 1, nesting + 1) : null,
    then: compileThen(sub, s, rest, base, nesting),
  };
}

/** A keyword literal is read from its first letter only, as gjson's Parse does. */
function keywordLiteral(name: string): unknown {
  switch (name[0]) {
    case 't':
      return true;
    case 'f':
      return false;
    case 'n':
      return name[1] === 'u' ? null : parseGoFloat(name).value;
    case 'i':
    case 'I':
    case 'N':
      return parseGoFloat(name).value;
    default:
      return MISSING;
  }
}

export function compileLiteral(
  sub: SubCompiler,
  s: string,
  base: number,
  nesting: number,
): LiteralPath | null {
  const lead = s[1]!;
  if (lead === '{' || lead === '[') {
    const end = groupEnd(s, 1);
    const value = tryParseJson(s.slice(1, end));
    return {
      k: 'literal',
      value: value === undefined ? MISSING : value,
      then: compileThen(sub, s, end, base, nesting),
    };
  }
  if (lead === '"') {
    // gjson takes the whole rest as the literal and reads the string from its start.
    const value = tryParseJson(s.slice(1, stringEnd(s, 1)));
    return { k: 'literal', value: value === undefined ? MISSING : value, then: null };
  }
  if (lead === '+' || lead === '-' || (lead >= '0' && lead <= '9')) {
    const text = /^[^\s,\]}]*/.exec(s.slice(1))![0];
    return { k: 'literal', value: parseGoFloat(text).value, then: null };
  }
  let end = 1;
  while (end < s.length && s[end] !== '.' && s[end] !== '|') end++;
  const name = s.slice(1, end);
  if (!['true', 'false', 'null', 'nan', 'inf'].includes(name.toLowerCase())) return null;
  return { k: 'literal', value: keywordLiteral(name), then: compileThen(sub, s, end, base, nesting) };
}

/** gjson's nameOfLast: the last `.`/`|` component, used as the key in `{a.b,c}`. */
function nameOfLast(path: string): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if ((path[i] === '|' || path[i] === '.') && !(i > 0 && path[i - 1] === '\\')) return path.slice(i + 1);
  }
  return path;
}

function isSimpleName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) < 32 || '[]{}()#|!'.includes(name[i]!)) return false;
  }
  return true;
}

function selectorName(name: string | undefined, path: string): string {
  if (name !== undefined && name !== '') {
    if (name[0] === '"') {
      const parsed = tryParseJson(name);
      if (typeof parsed === 'string') return parsed;
    }
    return name;
  }
  const last = nameOfLast(path);
  return isSimpleName(last) ? last : '_';
}

export function compileMulti(sub: SubCompiler, s: string, base: number, nesting: number): MultiPath | null {
  const selectors: Selector[] = [];
  let depth = 1;
  let colon = -1;
  let modifier = -1;
  let start = 1;
  const push = (end: number): void => {
    const name = colon < 0 ? undefined : s.slice(start, colon);
    const pathStart = colon < 0 ? start : colon + 1;
    const path = s.slice(pathStart, end);
    selectors.push({
      name: selectorName(name, path),
      path: sub(path, base + pathStart, nesting + 1),
    });
    colon = -1;
    modifier = -1;
    start = end + 1;
  };
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
    } else if (c === '@') {
      if (modifier < 0 && (s[i - 1] === '.' || s[i - 1] === '|')) modifier = i;
    } else if (c === ':') {
      if (modifier < 0 && colon < 0 && depth === 1) colon = i;
    } else if (c === ',') {
      if (depth === 1) push(i);
    } else if (c === '"') {
      i = stringEnd(s, i) - 1;
    } else if (c === '[' || c === '(' || c === '{') {
      depth++;
    } else if (c === ']' || c === ')' || c === '}') {
      if (--depth === 0) {
        push(i);
        const rest = i + 1;
        if (rest < s.length && s[rest] !== '.' && s[rest] !== '|') return null;
        return {
          k: 'multi',
          object: s[0] === '{',
          selectors,
          then: compileThen(sub, s, rest, base, nesting),
        };
      }
    }
  }
  return null;
}
