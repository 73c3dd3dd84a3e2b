// The `log` trigger: prints the events that fired it, one line per dependency (Argo's log trigger).
// intervalSeconds suppresses repeats within the interval, per trigger, per worker process.
import type { TriggerImpl } from '../../trigger-context.js';

const lastPrinted = new Map<string, number>();

export const logTrigger: TriggerImpl = async ({ sensor, fire, services }) => {
  const spec = (fire.template.log ?? {}) as { intervalSeconds?: number };
  const key = `${sensor.namespace}/${sensor.name}/${fire.trigger}`;
  const now = Date.now();
  const interval = (spec.intervalSeconds ?? 0) * 1000;
  const last = lastPrinted.get(key);
  if (interval > 0 && last !== undefined && now - last < interval) return { printed: 0, suppressed: true };
  lastPrinted.set(key, now);
  const write = services.logLine ?? ((line: string) => process.stdout.write(`${line}\n`));
  let printed = 0;
  for (const [dep, e] of Object.entries(fire.events)) {
    write(
      JSON.stringify({
        level: 'info',
        msg: 'log trigger',
        sensor: `${sensor.namespace}/${sensor.name}`,
        trigger: fire.trigger,
        dependency: dep,
        eventSource: e.context.source,
        eventName: e.context.subject,
        eventId: e.context.id,
        time: e.context.time,
        data: e.data,
      }),
    );
    printed++;
  }
  return { printed };
};
