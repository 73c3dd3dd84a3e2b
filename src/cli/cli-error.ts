// Errors the CLI reports as one clear message and an exit code, without a stack trace. The cause
// (the SDK's error) is kept: main.ts prints "message: cause: cause's cause".
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}
