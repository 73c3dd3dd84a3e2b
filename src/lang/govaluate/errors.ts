// One error class for everything that goes wrong in a govaluate expression, at compile or
// evaluation time. The message keeps govaluate's own wording (users compare it with Argo's logs)
// and adds where in the expression the problem is.

export class GovaluateError extends Error {
  constructor(
    /** govaluate's description of the problem, without position */
    readonly detail: string,
    /** 0-based character offset in the expression, or -1 when not tied to one place */
    readonly position: number,
    readonly expression: string,
    options?: { cause?: unknown },
  ) {
    super(
      position >= 0 ? `${detail} (at column ${position + 1} of expression "${expression}")` : detail,
      options,
    );
    this.name = 'GovaluateError';
  }
}
