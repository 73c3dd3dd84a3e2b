// A trigger's resource could not be fetched. `retryable` says whether another attempt might
// succeed (a network error, a 5xx) or not (a missing file, a malformed document).
export class ArtifactError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ArtifactError';
  }
}
