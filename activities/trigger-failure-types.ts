// The failure types of trigger activities, as the workflow sees them (ApplicationFailure.type).
// Data only, no Node API: the Sensor workflow (workflows/fire-runner.ts) imports these for nonRetryableErrorTypes.

/** retrying may help (network, 5xx, a target not ready yet) */
export const TRIGGER_ERROR = 'TriggerError';
/** the trigger is misconfigured: retrying cannot help */
export const TRIGGER_CONFIG_ERROR = 'TriggerConfigError';
/** the target refused Eventide's credentials (Kubernetes 401/403): fix the RBAC or credentials */
export const TRIGGER_PERMISSION_ERROR = 'TriggerPermissionError';

export type TriggerFailureType =
  | typeof TRIGGER_ERROR
  | typeof TRIGGER_CONFIG_ERROR
  | typeof TRIGGER_PERMISSION_ERROR;
