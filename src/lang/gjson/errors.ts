// gjson itself never fails on a path (a bad path simply matches nothing). We only throw where a
// path would make evaluation unbounded, so callers can report the offending path to the user.

export class GjsonError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly offset: number,
  ) {
    super(`gjson path ${JSON.stringify(path)} at offset ${offset}: ${message}`);
    this.name = 'GjsonError';
  }
}
