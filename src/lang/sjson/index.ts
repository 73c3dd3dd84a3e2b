// sjson "set" (github.com/tidwall/sjson v1.2.5 semantics) over parsed JSON values.

export { sjsonSet, sjsonDelete, MAX_ARRAY_INDEX } from './set.js';
export { SjsonError } from './errors.js';
