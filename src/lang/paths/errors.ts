export class PathsError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`JSONPath ${JSON.stringify(path)}: ${message}`);
    this.name = 'PathsError';
  }
}
