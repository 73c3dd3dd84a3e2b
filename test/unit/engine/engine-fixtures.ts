// Builders for engine unit tests: sensors, CloudEvents and a driver that runs inputs in order.
import { initialState, step } from '../../../src/engine/index.js';
import type { Decision, EngineInput, EngineState, FireEffect } from '../../../src/engine/types.js';
import type { SensorSpec } from '../../../src/vocabulary/manifest-types.js';
import type { CloudEvent } from '../../../src/engine/cloudevent.js';

export const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

export function dep(name: string, eventName = name, extra: Record<string, unknown> = {}) {
  return { name, eventSourceName: 'src', eventName, ...extra };
}

export function logTrigger(
  name: string,
  template: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return { template: { name, log: {}, ...template }, ...extra };
}

export function spec(dependencies: unknown[], triggers: unknown[]): SensorSpec {
  return { dependencies, triggers } as SensorSpec;
}

let counter = 0;
export function ev(eventName: string, data: unknown = {}, extra: Partial<CloudEvent> = {}): CloudEvent {
  counter++;
  return {
    specversion: '1.0',
    id: `e${counter}`,
    source: 'src',
    subject: eventName,
    type: 'webhook',
    data,
    ...extra,
  };
}

export class Driver {
  state: EngineState;
  decisions: Decision[] = [];
  fires: FireEffect[] = [];

  constructor(s: SensorSpec, now = T0) {
    this.state = initialState({ namespace: 'default', name: 'test' }, s, now);
  }

  run(input: EngineInput): { decisions: Decision[]; fires: FireEffect[] } {
    const r = step(this.state, input);
    this.state = r.state;
    this.decisions.push(...r.decisions);
    this.fires.push(...r.effects);
    return { decisions: r.decisions, fires: r.effects };
  }

  event(e: CloudEvent, now = T0) {
    return this.run({ kind: 'event', now, event: e });
  }

  tick(now: number) {
    return this.run({ kind: 'tick', now });
  }

  result(fireId: string, outcome: 'succeeded' | 'failed', now = T0) {
    return this.run({ kind: 'result', now, fireId, outcome });
  }
}
