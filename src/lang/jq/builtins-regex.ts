// Regex builtins: test, match, capture, scan, splits, split/2, sub, gsub. Offsets and lengths in
// match objects count code points, as in gojq.

import { add } from './arith.js';
import { emitComputed, type BuiltinTable, type NativeImpl } from './define.js';
import { preview, typePreview } from './encode.js';
import { compileRegex, findMatches, type RegexMatch } from './regex.js';
import { fail, type Env, type Op, type RunContext } from './runtime.js';
import { codePointIndex } from './strings.js';
import { setKey, type JqObject } from './values.js';

interface Matched {
  input: string;
  matches: RegexMatch[];
  names: (string | null)[];
}

function runMatch(
  ctx: RunContext,
  name: string,
  input: unknown,
  re: unknown,
  rawFlags: unknown,
  forceGlobal: boolean,
): Matched {
  // The jq-level wrappers compute `$flags + "g"` before matching, so errors show the sum.
  const flags = forceGlobal ? add(rawFlags, 'g') : rawFlags;
  if (typeof input !== 'string' || typeof re !== 'string' || (flags !== null && typeof flags !== 'string')) {
    fail(`${name}(${preview(re)}; ${preview(flags)}) cannot be applied to: ${typePreview(input)}`);
  }
  const fl = (flags as string | null) ?? '';
  const rx = compileRegex(re, fl);
  const matches = findMatches(rx, input, fl.includes('g'), () => ctx.tick());
  return { input, matches, names: rx.names };
}

/** Converts UTF-16 offsets to code point offsets, cheaply when the string is all BMP. */
function offsetsIn(s: string): (unit: number) => number {
  return /[\uD800-\uDFFF]/.test(s) ? (u) => codePointIndex(s, u) : (u) => u;
}

function matchObject(m: Matched, match: RegexMatch, cp: (u: number) => number): JqObject {
  const s = m.input;
  const captures = match.groups.map(([a, b], i) =>
    a < 0
      ? { offset: -1, length: 0, string: null, name: m.names[i] ?? null }
      : { offset: cp(a), length: cp(b) - cp(a), string: s.slice(a, b), name: m.names[i] ?? null },
  );
  return {
    offset: cp(match.start),
    length: cp(match.end) - cp(match.start),
    string: s.slice(match.start, match.end),
    captures,
  };
}

/** gojq's _captures: named groups only. */
function captureObject(m: Matched, match: RegexMatch): JqObject {
  const out: JqObject = {};
  match.groups.forEach(([a, b], i) => {
    const name = m.names[i];
    if (name) setKey(out, name, a < 0 ? null : m.input.slice(a, b));
  });
  return out;
}

/** `$re` then `$flags` (the jq-defined wrappers bind them first-outermost). */
function withPattern(
  ctx: RunContext,
  input: unknown,
  env: Env | null,
  re: Op,
  flags: Op | null,
  cb: (re: unknown, flags: unknown) => void,
): void {
  re(ctx, input, undefined, env, (r) => {
    if (flags === null) cb(r, null);
    else flags(ctx, input, undefined, env, (f) => cb(r, f));
  });
}

const test =
  (withFlags: boolean): NativeImpl =>
  (ctx, input, path, env, emit, args) =>
    withPattern(ctx, input, env, args[0]!, withFlags ? args[1]! : null, (re, fl) => {
      if (typeof input !== 'string' || typeof re !== 'string' || (fl !== null && typeof fl !== 'string')) {
        fail(`test(${preview(re)}; ${preview(fl)}) cannot be applied to: ${typePreview(input)}`);
      }
      const { rx } = compileRegex(re, (fl as string | null) ?? '');
      emitComputed(rx.matchString(input), input, path, emit);
    });

const match =
  (withFlags: boolean): NativeImpl =>
  (ctx, input, path, env, emit, args) =>
    withPattern(ctx, input, env, args[0]!, withFlags ? args[1]! : null, (re, fl) => {
      const m = runMatch(ctx, 'match', input, re, fl, false);
      const cp = offsetsIn(m.input);
      for (const x of m.matches) emitComputed(matchObject(m, x, cp), input, path, emit);
    });

const capture =
  (withFlags: boolean): NativeImpl =>
  (ctx, input, path, env, emit, args) =>
    withPattern(ctx, input, env, args[0]!, withFlags ? args[1]! : null, (re, fl) => {
      const m = runMatch(ctx, 'match', input, re, fl, false);
      for (const x of m.matches) emitComputed(captureObject(m, x), input, path, emit);
    });

const scan =
  (withFlags: boolean): NativeImpl =>
  (ctx, input, path, env, emit, args) =>
    withPattern(ctx, input, env, args[0]!, withFlags ? args[1]! : null, (re, fl) => {
      const m = runMatch(ctx, 'match', input, re, fl, true);
      for (const x of m.matches) {
        const v =
          x.groups.length === 0
            ? m.input.slice(x.start, x.end)
            : x.groups.map(([a, b]) => (a < 0 ? null : m.input.slice(a, b)));
        emitComputed(v, input, path, emit);
      }
    });

function splitPieces(m: Matched): string[] {
  const pieces: string[] = [];
  let next = 0;
  for (const x of m.matches) {
    pieces.push(m.input.slice(next, Math.max(next, x.start)));
    next = x.end;
  }
  pieces.push(m.input.slice(next));
  return pieces;
}

const splits =
  (withFlags: boolean): NativeImpl =>
  (ctx, input, path, env, emit, args) =>
    withPattern(ctx, input, env, args[0]!, withFlags ? args[1]! : null, (re, fl) => {
      for (const piece of splitPieces(runMatch(ctx, 'match', input, re, fl, true)))
        emitComputed(piece, input, path, emit);
    });

const split2: NativeImpl = (ctx, input, path, env, emit, args) =>
  withPattern(ctx, input, env, args[0]!, args[1]!, (re, fl) =>
    emitComputed(splitPieces(runMatch(ctx, 'match', input, re, fl, true)), input, path, emit),
  );

/**
 * sub/gsub as gojq defines them: the replacement filter runs on each match's capture object;
 * its i-th output extends the i-th result string, so a filter with n outputs gives n results.
 */
const sub =
  (global: boolean, withFlags: boolean): NativeImpl =>
  (ctx, input, path, env, emit, args) => {
    const replacement = args[1]!;
    const flagsOp = withFlags ? args[2]! : null;
    withPattern(ctx, input, env, args[0]!, flagsOp, (re, fl) => {
      const m = runMatch(ctx, 'match', input, re, fl, global);
      const results: unknown[] = [];
      let next = 0;
      for (const x of m.matches) {
        const between = m.input.slice(next, Math.max(next, x.start));
        let i = 0;
        replacement(ctx, captureObject(m, x), undefined, env, (s) => {
          results[i] = add(results[i] ?? null, add(between, s));
          i++;
        });
        next = x.end;
      }
      if (results.length === 0) {
        emitComputed(m.input, input, path, emit);
        return;
      }
      const tail = m.input.slice(next);
      for (const r of results) emitComputed(add(r ?? null, tail), input, path, emit);
    });
  };

export const REGEX_BUILTINS: BuiltinTable = {
  'test/1': test(false),
  'test/2': test(true),
  'match/1': match(false),
  'match/2': match(true),
  'capture/1': capture(false),
  'capture/2': capture(true),
  'scan/1': scan(false),
  'scan/2': scan(true),
  'splits/1': splits(false),
  'splits/2': splits(true),
  'split/2': split2,
  'sub/2': sub(false, false),
  'sub/3': sub(false, true),
  'gsub/2': sub(true, false),
  'gsub/3': sub(true, true),
};
