export { DurationError } from './errors.js';
export { parseGoDuration, parseGoDurationNanos } from './parse-go-duration.js';
export { formatGoDuration, formatGoDurationNanos } from './format-go-duration.js';
