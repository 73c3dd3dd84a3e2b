// The failure types of the generic source-listener activity that a retry cannot fix, as plain
// data: the activity raises them and the EventSource workflow's retry policy lists them.
export const LISTENER_CONFIG_FAILURE = 'SourceConfigError';
export const LISTENER_UNKNOWN_TYPE_FAILURE = 'SourceTypeNotListener';
/** What the file listener's own activity raised before the generic one (old workflows). */
const LEGACY_FILE_CONFIG_FAILURE = 'FileSourceConfigError';

export const LISTENER_NON_RETRYABLE: readonly string[] = [
  LISTENER_CONFIG_FAILURE,
  LISTENER_UNKNOWN_TYPE_FAILURE,
  LEGACY_FILE_CONFIG_FAILURE,
];
