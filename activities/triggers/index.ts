// The trigger registry and the worker-shutdown hook, for the activity and the worker.
export { findTriggerType, triggerTypeNames, TRIGGER_TYPES } from './registry.js';
export { closeTriggerConnections } from './trigger-connections.js';
