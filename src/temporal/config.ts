// Where Eventide finds Temporal: environment first, then defaults for the embedded dev server.
const TASK_QUEUE_DEFAULT = 'eventide';

export interface TemporalSettings {
  /** host:port of a Temporal frontend; undefined means "start the embedded dev server" */
  address?: string;
  namespace: string;
  taskQueue: string;
}

export function temporalSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  const s: TemporalSettings = {
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.EVENTIDE_TASK_QUEUE || TASK_QUEUE_DEFAULT,
  };
  if (env.TEMPORAL_ADDRESS) s.address = env.TEMPORAL_ADDRESS;
  return s;
}
