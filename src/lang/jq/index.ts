// jq for Argo Events `dependencies[].transform.jq`, matching itchyny/gojq v0.12.19 (what Argo
// embeds). compileJq parses and compiles once (cached by source); run() evaluates against a value.
//
// How Argo uses it (pkg/sensors/dependencies/transform.go): the event data is unmarshalled into a
// Go map (so it must be a JSON object; numbers become float64), only the FIRST output is used
// (later outputs and later errors are never evaluated: pass { maxOutputs: 1 }), and that output
// must be an object, which Argo re-encodes with json.Marshal (jqToJson(v, { escapeHtml: true })).
//
// Deliberate differences from gojq: `now` needs run(…, { now }); localtime is UTC; recursion is
// bounded (100 nested calls, values 1000 levels deep) and work by maxSteps; regexps run on JS
// RegExp (RE2 syntax translated); numbers are doubles (no big integers, fromjson keeps no literal
// text); erf/erfc and Bessel functions are not implemented.

import { chargeWork } from '../budget/index.js';
import { BreakSignal, compileProgram } from './compile.js';
import { StopSignal } from './define.js';
import { JqError, JqLimitError } from './errors.js';
import { parseJq } from './parser.js';
import { DEFAULT_MAX_STEPS, RunContext, type Op } from './runtime.js';

export { JqError, JqHaltError, JqLimitError, JqRuntimeError } from './errors.js';
export { toJson as jqToJson } from './encode.js';

interface JqRunOptions {
  /** Work budget (calls, iterations, loop turns); exceeding it throws JqLimitError. Default 500,000. */
  maxSteps?: number;
  /** Stop after this many outputs. Argo uses only the first output: pass 1 to match it. */
  maxOutputs?: number;
  /** Epoch milliseconds returned (as seconds) by `now`; without it `now` is an error. */
  now?: number;
}

export interface JqProgram {
  readonly source: string;
  /** All outputs, in order. Throws JqError (JqRuntimeError for program errors). */
  run(input: unknown, opts?: JqRunOptions): unknown[];
}

class CompiledProgram implements JqProgram {
  constructor(
    readonly source: string,
    private readonly op: Op,
  ) {}

  run(input: unknown, opts: JqRunOptions = {}): unknown[] {
    const ctx = new RunContext(opts.maxSteps ?? DEFAULT_MAX_STEPS, opts.now);
    const max = opts.maxOutputs ?? Infinity;
    const out: unknown[] = [];
    if (max <= 0) return out;
    const stop = new StopSignal();
    try {
      this.op(ctx, input === undefined ? null : input, undefined, null, (v) => {
        out.push(v);
        if (out.length >= max) throw stop;
      });
    } catch (e) {
      if (e === stop) return out;
      if (e instanceof JqError) throw e;
      if (e instanceof BreakSignal) throw new JqError('break without a matching label');
      if (e instanceof RangeError) {
        // Stack exhaustion or an oversized string/array: both are resource limits.
        const what = /stack/i.test(e.message)
          ? 'recursed too deeply (JavaScript stack exhausted)'
          : `built a value too large (${e.message})`;
        throw new JqLimitError(`jq program ${what}`);
      }
      throw e;
    } finally {
      chargeWork(ctx.steps);
    }
    return out;
  }
}

const cache = new Map<string, CompiledProgram>();
const CACHE_LIMIT = 1000;

/** Parses and compiles `src`; throws JqError with the offending offset on syntax errors. */
export function compileJq(src: string): JqProgram {
  const hit = cache.get(src);
  if (hit) {
    // Refresh recency so the bounded cache evicts the least recently used source.
    cache.delete(src);
    cache.set(src, hit);
    return hit;
  }
  const program = new CompiledProgram(src, compileProgram(src, parseJq(src)));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(src, program);
  return program;
}
