// Decisions as one readable line each (explain, simulate --human).
import type { Decision } from '../engine/types.js';

function time(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '-';
}

function ids(events: Record<string, string>): string {
  return Object.entries(events)
    .map(([dep, id]) => `${dep}=${id}`)
    .join(' ');
}

export function formatDecision(d: Decision): string {
  const at = time(d.at);
  switch (d.kind) {
    case 'event': {
      const head = `${at}  event     ${d.eventId || '(no id)'} from ${d.source}/${d.subject}`;
      if (d.problem) return `${head}: rejected: ${d.problem}`;
      if (d.duplicate) return `${head}: duplicate, ignored`;
      if (d.dependencies.length === 0) return `${head}: no dependency listens to it`;
      return `${head}: ${d.dependencies
        .map((v) => (v.accepted ? `${v.name} accepted` : `${v.name} rejected (${v.reason ?? 'filtered'})`))
        .join('; ')}`;
    }
    case 'held':
      return (
        `${at}  held      trigger ${d.trigger}: ${d.dependency}=${d.eventId}` +
        (d.replaced ? ` (replaces ${d.replaced})` : '') +
        (d.expiresAt !== undefined ? `, expires ${time(d.expiresAt)}` : '')
      );
    case 'fired':
      return (
        `${at}  fired     trigger ${d.trigger} ${d.fireId}${d.dlqOf ? ` (dlqTrigger of ${d.dlqOf})` : ''}: ${ids(d.events)}` +
        `, key ${d.idempotencyKey}` +
        (d.payload !== undefined ? `, payload ${JSON.stringify(d.payload)}` : '') +
        (d.resource !== undefined ? `, resource ${JSON.stringify(d.resource)}` : '')
      );
    case 'fire-failed':
      return `${at}  failed    trigger ${d.trigger} ${d.fireId}: ${ids(d.events)}: ${d.error}`;
    case 'rate-limited':
      return `${at}  queued    trigger ${d.trigger} ${d.fireId}: ${ids(d.events)} (rate limit, ${d.queued} waiting)`;
    case 'expired':
      return `${at}  expired   trigger ${d.trigger}: ${d.dependency}=${d.eventId} (held since ${time(d.heldAt)})`;
    case 'reset':
      return `${at}  reset     trigger ${d.trigger} at the ${time(d.scheduledAt)} tick: dropped ${
        d.dropped.length === 0 ? 'nothing' : d.dropped.map((x) => `${x.dependency}=${x.eventId}`).join(' ')
      }`;
    case 'spec-updated':
      return `${at}  updated   spec; changed dependencies: ${d.changedDependencies.join(', ') || 'none'}; dropped: ${
        d.dropped.length === 0
          ? 'nothing'
          : d.dropped.map((x) => `${x.trigger}/${x.dependency}=${x.eventId} (${x.why})`).join(', ')
      }`;
    case 'result':
      return (
        `${at}  ${d.outcome === 'succeeded' ? 'succeeded' : 'gave up  '} trigger ${d.trigger} ${d.fireId}` +
        (d.attempts !== undefined ? ` after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}` : '') +
        (d.error ? `: ${d.error}` : '')
      );
  }
}
