export class DurationError extends Error {
  constructor(
    message: string,
    /** the error text Go's time.ParseDuration gives ("time: invalid duration \"x\""), for Go-exact output */
    readonly goMessage: string = message,
  ) {
    super(message);
    this.name = 'DurationError';
  }
}
