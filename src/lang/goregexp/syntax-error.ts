// regexp/syntax.Error: Go's error code and the offending part of the pattern, worded as Go
// prints it ("error parsing regexp: missing closing ): `(a`").

export class GoRegexpSyntaxError extends Error {
  constructor(
    /** Go's ErrorCode text, e.g. "invalid escape sequence" */
    readonly code: string,
    /** the part of the pattern Go quotes */
    readonly expr: string,
  ) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
    this.name = 'GoRegexpSyntaxError';
  }
}
