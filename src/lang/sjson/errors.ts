// Errors sjson itself reports (same conditions and wording as github.com/tidwall/sjson), plus the
// limits we add so a path can never make a set run away.

export class SjsonError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`sjson path ${JSON.stringify(path)}: ${message}`);
    this.name = 'SjsonError';
  }
}
