// Go text/template + sprig, as Argo Events evaluates Sensor `dataTemplate`, `contextTemplate`
// and data-filter `template` strings. Compile once (cached by source), render many times;
// rendering is pure: "now" comes from the caller.

import { GoTemplateError, lineCol, TEMPLATE_NAME } from './errors.js';
import { Executor, type Program } from './exec.js';
import { BUILTINS, MUTATING_DICT_FUNCS, NOT_SPRIG_HINTS, SPRIG, UNAVAILABLE } from './funcs/registry.js';
import { deepCopy } from './funcs/sprig/defaults.js';
import { ParseFail, parseTemplate, type FunctionLookup } from './parser.js';
import type { GoValue } from './values.js';

export { GoTemplateError } from './errors.js';

export interface RenderOptions {
  /** Epoch milliseconds used by now/date/ago; default 0. */
  now?: number;
}

export interface CompiledGoTemplate {
  render(data: unknown, opts?: RenderOptions): string;
}

const hasOwn = Object.prototype.hasOwnProperty;

const lookup: FunctionLookup = {
  check(name) {
    if (hasOwn.call(SPRIG, name) || hasOwn.call(BUILTINS, name)) return undefined;
    if (hasOwn.call(UNAVAILABLE, name)) {
      return {
        goMessage: `function ${JSON.stringify(name)} is not available in Eventide`,
        hint: UNAVAILABLE[name],
      };
    }
    const hint = hasOwn.call(NOT_SPRIG_HINTS, name)
      ? NOT_SPRIG_HINTS[name]
      : 'not a text/template builtin or sprig function; check the spelling';
    return { goMessage: `function ${JSON.stringify(name)} not defined`, hint };
  },
};

class Compiled implements CompiledGoTemplate {
  constructor(
    private readonly prog: Program,
    private readonly mutates: boolean,
  ) {}

  render(data: unknown, opts?: RenderOptions): string {
    let d = (data ?? undefined) as GoValue;
    // set/unset/merge modify maps in place, as in Go; keep the caller's data intact.
    if (this.mutates) d = deepCopy(d);
    const ex = new Executor(this.prog, SPRIG, BUILTINS, d, opts?.now ?? 0);
    return ex.run(d);
  }
}

function compile(src: string): CompiledGoTemplate {
  try {
    const parsed = parseTemplate(src, lookup);
    const prog: Program = { src, root: parsed.root, defines: parsed.defines };
    const mutates = [...parsed.functions].some((f) => MUTATING_DICT_FUNCS.has(f));
    return new Compiled(prog, mutates);
  } catch (e) {
    if (!(e instanceof ParseFail)) throw e;
    const { line, column } = lineCol(src, e.pos);
    const goMessage = `template: ${TEMPLATE_NAME}:${line}: ${e.message}`;
    const display = `template: ${TEMPLATE_NAME}:${line}:${column}: ${e.message}`;
    throw new GoTemplateError(goMessage, line, column, e.hint, display);
  }
}

const CACHE_LIMIT = 1000;
const cache = new Map<string, CompiledGoTemplate | GoTemplateError>();

/** Parses `src` (cached by source text); throws GoTemplateError on syntax errors. */
export function compileGoTemplate(src: string): CompiledGoTemplate {
  let hit = cache.get(src);
  if (hit === undefined) {
    try {
      hit = compile(src);
    } catch (e) {
      if (!(e instanceof GoTemplateError)) throw e;
      hit = e;
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(src, hit);
  }
  if (hit instanceof GoTemplateError) throw hit;
  return hit;
}

/** compileGoTemplate(src).render(data, opts). */
export function renderGoTemplate(src: string, data: unknown, opts?: RenderOptions): string {
  return compileGoTemplate(src).render(data, opts);
}
