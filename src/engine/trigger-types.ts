// Trigger types by their key in a trigger template. Argo's full list is known so that an
// unsupported one is named in the error instead of being silently ignored. Which types run is
// not the engine's concern: validation refuses the others (src/manifest/validate-trigger-types.ts)
// and the trigger activity fails non-retryably on a type not in activities/triggers/registry.ts.

export const ARGO_TRIGGER_TYPES = [
  'k8s',
  'argoWorkflow',
  'http',
  'awsLambda',
  'custom',
  'kafka',
  'nats',
  'slack',
  'openWhisk',
  'log',
  'azureEventHubs',
  'pulsar',
  'azureServiceBus',
  'email',
] as const;

/** Types Eventide adds on top of Argo's. */
export const EVENTIDE_TRIGGER_TYPES = ['temporal'] as const;

export const ALL_TRIGGER_TYPES: readonly string[] = [...ARGO_TRIGGER_TYPES, ...EVENTIDE_TRIGGER_TYPES];

/** The trigger-type keys present in a template (normally exactly one). */
export function triggerTypesOf(template: Record<string, unknown>): string[] {
  return ALL_TRIGGER_TYPES.filter((k) => template[k] !== undefined && template[k] !== null);
}
