// Source types run by the EventSource workflow (timers, listener activities), by validator.
import type { SourceValidator } from './source-type.js';

export const WORKFLOW_SOURCE_VALIDATORS: Record<string, SourceValidator> = {};
