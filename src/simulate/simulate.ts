// `eventide simulate`: a Sensor and a list of CloudEvents in, one line per event out (which
// dependencies matched and why, what fired with which resolved template, resource and payload),
// plus lines for expiries, resets and rate-limited fires released later. The clock is the
// events' own `time`; triggers are assumed to succeed at once.
import { initialState, step } from '../engine/index.js';
import type { CloudEvent } from '../engine/cloudevent.js';
import type { Decision, EngineState, FireEffect, SensorRef } from '../engine/types.js';
import type { SensorSpec } from '../vocabulary/manifest-types.js';

interface FiredLine {
  trigger: string;
  events: Record<string, string>;
  template: Record<string, unknown>;
  resource?: unknown;
  payload?: unknown;
  dlqOf?: string;
}

export type SimulationLine =
  | {
      event: string;
      dependencies: { name: string; accepted: boolean; reason?: string }[];
      fired: FiredLine[];
      duplicate?: true;
      rejected?: string;
    }
  | { expired: { trigger: string; dependency: string; event: string; at: string } }
  | { reset: { trigger: string; at: string; dropped: { dependency: string; event: string }[] } }
  | { released: { at: string; fired: FiredLine[] } }
  | { failed: { trigger: string; events: Record<string, string>; error: string } };

function firedLine(d: Extract<Decision, { kind: 'fired' }>): FiredLine {
  const line: FiredLine = { trigger: d.trigger, events: d.events, template: d.template };
  if (d.resource !== undefined) line.resource = d.resource;
  if (d.payload !== undefined) line.payload = d.payload;
  if (d.dlqOf) line.dlqOf = d.dlqOf;
  return line;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class Simulation {
  private state: EngineState;
  private now: number;

  constructor(sensor: SensorRef, spec: SensorSpec, start: number) {
    this.now = start;
    this.state = initialState(sensor, spec, start);
  }

  /** Runs one event; returns its line plus any timer lines that fell due before it. */
  push(event: CloudEvent): SimulationLine[] {
    const t = event.time !== undefined ? Date.parse(event.time) : NaN;
    // Time never runs backwards in a Sensor: an out-of-order event is processed "now".
    if (!Number.isNaN(t) && t > this.now) this.now = t;
    const lines: SimulationLine[] = [];
    const decisions = this.apply({ kind: 'event', now: this.now, event });
    let eventLine: Extract<SimulationLine, { event: string }> | undefined;
    for (const d of decisions) {
      switch (d.kind) {
        case 'event':
          eventLine = { event: d.eventId, dependencies: d.dependencies, fired: [] };
          if (d.duplicate) eventLine.duplicate = true;
          if (d.problem) eventLine.rejected = d.problem;
          break;
        case 'fired':
          if (eventLine) eventLine.fired.push(firedLine(d));
          else lines.push({ released: { at: iso(d.at), fired: [firedLine(d)] } });
          break;
        default:
          this.timerLine(d, lines);
      }
    }
    lines.push(eventLine ?? { event: event.id, dependencies: [], fired: [] });
    return lines;
  }

  private timerLine(d: Decision, lines: SimulationLine[]): void {
    if (d.kind === 'expired') {
      lines.push({
        expired: { trigger: d.trigger, dependency: d.dependency, event: d.eventId, at: iso(d.at) },
      });
    } else if (d.kind === 'reset') {
      lines.push({
        reset: {
          trigger: d.trigger,
          at: iso(d.scheduledAt),
          dropped: d.dropped.map((x) => ({ dependency: x.dependency, event: x.eventId })),
        },
      });
    } else if (d.kind === 'fire-failed') {
      lines.push({ failed: { trigger: d.trigger, events: d.events, error: d.error } });
    }
  }

  /** Steps the engine and completes every fire at once, as if each trigger succeeded. */
  private apply(input: Parameters<typeof step>[1]): Decision[] {
    const out: Decision[] = [];
    const pending: FireEffect[] = [];
    const r = step(this.state, input);
    out.push(...r.decisions);
    pending.push(...r.effects);
    while (pending.length > 0) {
      const fire = pending.shift()!;
      const done = step(this.state, {
        kind: 'result',
        now: this.now,
        fireId: fire.fireId,
        outcome: 'succeeded',
        attempts: 1,
      });
      out.push(...done.decisions.filter((d) => d.kind !== 'result'));
      pending.push(...done.effects);
    }
    return out;
  }
}
