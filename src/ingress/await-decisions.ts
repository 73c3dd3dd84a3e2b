// `?wait=decision`: holds a webhook reply until every Sensor that received the events has
// decided on them, by polling each Sensor's `decisions` query (no workflow change). A Sensor's
// earlier decisions on the same id (a resent event) are counted first, so only a new one answers.
import type { Decision, DependencyVerdict } from '../engine/types.js';

type Verdict = 'fired' | 'held' | 'rate-limited' | 'rejected' | 'duplicate' | 'invalid';

export interface SensorDecision {
  /** `<namespace>/<name>` */
  sensor: string;
  event: string;
  verdict: Verdict;
  dependencies: DependencyVerdict[];
  /** fires this event completed (their activities run after the reply) */
  fired: { trigger: string; fireId: string; idempotencyKey: string }[];
  /** triggers holding it, waiting for other dependencies */
  held: { trigger: string; dependency: string; expiresAt?: number }[];
  problem?: string;
}

interface DecisionWait {
  decided: SensorDecision[];
  /** sensor + event pairs not decided within the timeout */
  pending: { sensor: string; event: string }[];
}

/** Reads a Sensor workflow's recent decisions. */
export type DecisionReader = (workflowId: string) => Promise<Decision[]>;

const sensorName = (workflowId: string) => workflowId.replace(/^sensor:/, '');

const eventDecisionsFor = (ds: Decision[], eventId: string) =>
  ds.filter((d) => d.kind === 'event' && d.eventId === eventId).length;

function mentions(d: Decision, eventId: string): boolean {
  if (d.kind === 'held') return d.eventId === eventId;
  if (d.kind === 'fired' || d.kind === 'rate-limited') return Object.values(d.events).includes(eventId);
  return false;
}

/** The decision on `eventId` after the `seen`-th earlier one, or undefined while there is none. */
function decisionOn(
  workflowId: string,
  ds: Decision[],
  eventId: string,
  seen: number,
): SensorDecision | undefined {
  let n = 0;
  const at = ds.findIndex((d) => d.kind === 'event' && d.eventId === eventId && n++ === seen);
  if (at < 0) return undefined;
  const ev = ds[at] as Extract<Decision, { kind: 'event' }>;
  // The next event decision ends this one's step: later fires that include it belong to that event.
  const next = ds.findIndex((d, i) => i > at && d.kind === 'event');
  const rest = ds.slice(at + 1, next < 0 ? undefined : next).filter((d) => mentions(d, eventId));
  const fired = rest.flatMap((d) =>
    d.kind === 'fired' ? [{ trigger: d.trigger, fireId: d.fireId, idempotencyKey: d.idempotencyKey }] : [],
  );
  const held = rest.flatMap((d) =>
    d.kind === 'held'
      ? [{ trigger: d.trigger, dependency: d.dependency, ...(d.expiresAt ? { expiresAt: d.expiresAt } : {}) }]
      : [],
  );
  const limited = rest.some((d) => d.kind === 'rate-limited');
  const verdict: Verdict = ev.problem
    ? 'invalid'
    : ev.duplicate
      ? 'duplicate'
      : fired.length > 0
        ? 'fired'
        : limited
          ? 'rate-limited'
          : held.length > 0
            ? 'held'
            : 'rejected';
  return {
    sensor: sensorName(workflowId),
    event: eventId,
    verdict,
    dependencies: ev.dependencies,
    fired,
    held,
    ...(ev.problem ? { problem: ev.problem } : {}),
  };
}

export interface WaitPlan {
  /** call before delivering: counts each Sensor's earlier decisions on these ids */
  baseline(): Promise<void>;
  /** call after delivering: polls `sensors` (default all) until decided or `timeoutMs` */
  wait(timeoutMs: number, sensors?: string[]): Promise<DecisionWait>;
}

export function planDecisionWait(
  read: DecisionReader,
  workflowIds: string[],
  eventIds: string[],
  pollMs = 100,
): WaitPlan {
  const seen = new Map<string, number>();
  const key = (w: string, e: string) => `${w}\n${e}`;
  const safeRead = (w: string) => read(w).catch(() => [] as Decision[]);
  return {
    async baseline() {
      await Promise.all(
        workflowIds.map(async (w) => {
          const ds = await safeRead(w);
          for (const e of eventIds) seen.set(key(w, e), eventDecisionsFor(ds, e));
        }),
      );
    },
    async wait(timeoutMs, sensors = workflowIds) {
      const deadline = Date.now() + timeoutMs;
      const decided = new Map<string, SensorDecision>();
      for (;;) {
        const open = sensors.filter((w) => eventIds.some((e) => !decided.has(key(w, e))));
        await Promise.all(
          open.map(async (w) => {
            const ds = await safeRead(w);
            for (const e of eventIds) {
              const d = decisionOn(w, ds, e, seen.get(key(w, e)) ?? 0);
              if (d) decided.set(key(w, e), d);
            }
          }),
        );
        if (decided.size === sensors.length * eventIds.length || Date.now() >= deadline) break;
        await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
      }
      const pending = sensors.flatMap((w) =>
        eventIds.filter((e) => !decided.has(key(w, e))).map((e) => ({ sensor: sensorName(w), event: e })),
      );
      return { decided: [...decided.values()], pending };
    },
  };
}
