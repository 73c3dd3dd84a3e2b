// One error class for parse and execution failures. `goMessage` carries the text Go's
// text/template would report (Argo logs and surfaces it); `message` adds a hint on fixing it.

import { utf8Length } from '../go/utf8.js';

export const TEMPLATE_NAME = 'param';

export class GoTemplateError extends Error {
  constructor(
    /** The error as Go's text/template words it, e.g. `template: param:1:9: executing ...`. */
    readonly goMessage: string,
    /** 1-based line of the offending node in the template source. */
    readonly line: number,
    /** Byte column within that line, 0-based, as Go reports it. */
    readonly column: number,
    readonly hint?: string,
    /** Overrides the start of `message` (parse errors add the column Go leaves out). */
    display?: string,
  ) {
    const base = display ?? goMessage;
    super(hint ? `${base} (hint: ${hint})` : base);
    this.name = 'GoTemplateError';
  }
}

/** Line (1-based) and Go-style byte column (0-based) of JS index `pos` in `src`. */
export function lineCol(src: string, pos: number): { line: number; column: number } {
  const before = src.slice(0, Math.max(0, Math.min(pos, src.length)));
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < before.length; i++) {
    if (before.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return { line, column: utf8Length(before.slice(lastNl + 1)) };
}

/** Errors a function implementation raises; the executor wraps them as `error calling NAME: ...`. */
export class FuncError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'FuncError';
  }
}
