// The tables `eventide get` prints: kubectl-like columns, with each resource's live status
// (the same reads as the dashboard: the Sensor's `state` and `decisions` queries).
import type { EventSourceStatus, SensorStatus } from '../../dashboard/dashboard-model.js';

/** "3s", "4m", "2h", "5d": how long ago, as kubectl's AGE column. */
export function age(fromMs: number | undefined, nowMs: number): string {
  if (fromMs === undefined || !Number.isFinite(fromMs)) return '<none>';
  const s = Math.max(0, Math.floor((nowMs - fromMs) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 2 * 3600) return `${Math.floor(s / 60)}m`;
  if (s < 2 * 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  return [header, ...rows].map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('   ')
      .trimEnd(),
  );
}

/**
 * STATUS is Running when a worker answered the Sensor's queries, else NotAnswering (the workflow
 * exists but no worker runs it). FIRES and FAILURES count the decisions the Sensor keeps live
 * (its recent window); HELD is how many events wait for a condition; DLQ the fires sent to a
 * dead-letter trigger.
 */
export function sensorTable(list: readonly SensorStatus[], nowMs: number, wide = false): string[] {
  const header = ['NAMESPACE', 'NAME', 'STATUS', 'LAST EVENT', 'FIRES', 'FAILURES', 'HELD', 'DLQ', 'AGE'];
  if (wide) header.push('WORKFLOW', 'PROBLEM');
  const rows = list.map((s) => {
    const row = [
      s.namespace,
      s.name,
      s.running ? 'Running' : 'NotAnswering',
      age(s.lastEventAt, nowMs),
      String(s.fires),
      String(s.failures),
      String(s.held.length),
      String(s.dlqFires),
      age(s.since.getTime(), nowMs),
    ];
    if (wide) row.push(s.workflowId, s.problem ?? '');
    return row;
  });
  return table(header, rows);
}

export function eventSourceTable(list: readonly EventSourceStatus[], nowMs: number, wide = false): string[] {
  const header = ['NAMESPACE', 'NAME', 'EVENTS', 'LAST EVENT', 'AGE'];
  if (wide) header.push('WORKFLOW');
  const rows = list.map((s) => {
    const row = [
      s.namespace,
      s.name,
      s.events.join(',') || '<none>',
      age(s.lastEventAt, nowMs),
      age(s.since.getTime(), nowMs),
    ];
    if (wide) row.push(s.workflowId);
    return row;
  });
  return table(header, rows);
}
