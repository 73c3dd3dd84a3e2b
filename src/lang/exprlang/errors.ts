// Errors from compiling or running an expr-lang program. The message follows expr's layout:
// "<what went wrong> (line:column)" followed by the source line and a caret under the spot.

export class ExprLangError extends Error {
  /** 1-based line and column (in code points) of the problem, 0 when not tied to a place */
  readonly line: number;
  readonly column: number;

  constructor(
    /** the problem itself, as expr words it */
    readonly detail: string,
    readonly source: string,
    /** 0-based UTF-16 offset in source, or -1 */
    readonly offset: number,
    options?: { cause?: unknown },
  ) {
    const { line, column, snippet } = locate(source, offset);
    super(offset >= 0 ? `${detail} (${line}:${column})${snippet}` : detail, options);
    this.name = 'ExprLangError';
    this.line = line;
    this.column = column;
  }
}

function locate(source: string, offset: number): { line: number; column: number; snippet: string } {
  if (offset < 0) return { line: 0, column: 0, snippet: '' };
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = source.indexOf('\n', lineStart);
  const text = source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\t/g, ' ');
  const column = Array.from(source.slice(lineStart, offset)).length + 1;
  return { line, column, snippet: `\n | ${text}\n | ${'.'.repeat(column - 1)}^` };
}
