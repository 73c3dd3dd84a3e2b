// The dashboard's reads from Temporal: resources through visibility (as `eventide get`), status
// through each Sensor's `state` and `decisions` queries, and what only history keeps (the event
// payload, the resolved trigger input, the target's answer) from the Sensor's recent runs.
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type proto from '@temporalio/proto';
import { listResources, type ListedResource } from '../control/resources.js';
import { runHistoryPages, sensorRunIds } from '../audit/sensor-history.js';
import type { CloudEvent } from '../engine/cloudevent.js';
import type { Decision, EngineState, FireEffect } from '../engine/types.js';
import { decisionsQuery, stateQuery } from '../vocabulary/sensor-api.js';
import type { EventSourceSpec, SensorManifest } from '../vocabulary/manifest-types.js';
import type {
  DashboardSource,
  EventReceiver,
  EventReport,
  EventSourceStatus,
  FireReport,
  ResourceKey,
  SensorDetail,
  SensorStatus,
} from './dashboard-model.js';
import { countDecisions, heldEvents, namesEvent } from './sensor-status.js';

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

/** Runs of a Sensor searched for an event's payload and fires, newest first. */
const RUNS_SEARCHED = 3;
/** A query to a Sensor no worker runs would wait for one: answer "not running" instead. */
const QUERY_TIMEOUT_MS = 3000;

const decode = (payloads: unknown): unknown[] =>
  ((payloads as Payload[] | null | undefined) ?? []).map((p) => defaultPayloadConverter.fromPayload(p));

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} did not answer within ${ms} ms (is a worker running?)`)),
        ms,
      );
    }),
  ]);
}

interface Live {
  state?: EngineState;
  decisions: Decision[];
  runId?: string;
  problem?: string;
}

export class TemporalDashboardSource implements DashboardSource {
  readonly namespaceOfTemporal: string;

  constructor(private readonly client: Client) {
    this.namespaceOfTemporal = client.options.namespace;
  }

  private async live(workflowId: string): Promise<Live> {
    const h = this.client.workflow.getHandle(workflowId);
    try {
      const [state, decisions, desc] = await Promise.all([
        withTimeout(h.query(stateQuery), QUERY_TIMEOUT_MS, 'the state query'),
        withTimeout(h.query(decisionsQuery), QUERY_TIMEOUT_MS, 'the decisions query'),
        h.describe(),
      ]);
      return { state, decisions, runId: desc.runId };
    } catch (e) {
      return { decisions: [], problem: (e as Error).message };
    }
  }

  private statusOf(r: ListedResource, live: Live): SensorStatus {
    const counts = countDecisions(live.decisions);
    return {
      namespace: r.namespace,
      name: r.name,
      workflowId: r.workflowId,
      ...(live.runId ? { runId: live.runId } : {}),
      since: r.startTime,
      running: live.state !== undefined,
      ...(live.problem ? { problem: live.problem } : {}),
      ...counts,
      window: live.decisions.length,
      held: live.state ? heldEvents(live.state) : [],
    };
  }

  private async sensorsWithLive(): Promise<{ r: ListedResource; live: Live }[]> {
    const listed = await listResources(this.client, 'Sensor');
    return Promise.all(listed.map(async (r) => ({ r, live: await this.live(r.workflowId) })));
  }

  async sensors(): Promise<SensorStatus[]> {
    return (await this.sensorsWithLive()).map(({ r, live }) => this.statusOf(r, live)).sort(byName);
  }

  async eventSources(): Promise<EventSourceStatus[]> {
    const [sources, sensors] = await Promise.all([
      listResources(this.client, 'EventSource'),
      this.sensorsWithLive(),
    ]);
    const last = new Map<string, number>();
    for (const { r, live } of sensors) {
      for (const d of live.decisions) {
        if (d.kind !== 'event') continue;
        const k = `${r.namespace}/${d.source}`;
        last.set(k, Math.max(last.get(k) ?? 0, d.at));
      }
    }
    return sources
      .map((s) => {
        const lastEventAt = last.get(`${s.namespace}/${s.name}`);
        return {
          namespace: s.namespace,
          name: s.name,
          workflowId: s.workflowId,
          since: s.startTime,
          running: true,
          events: eventsOf(s.manifest.spec as EventSourceSpec),
          ...(lastEventAt !== undefined ? { lastEventAt } : {}),
        };
      })
      .sort(byName);
  }

  async sensor(key: ResourceKey): Promise<SensorDetail | undefined> {
    const listed = (await listResources(this.client, 'Sensor', key.namespace)).find(
      (r) => r.name === key.name,
    );
    if (!listed) return undefined;
    const live = await this.live(listed.workflowId);
    return {
      status: this.statusOf(listed, live),
      spec: live.state?.spec ?? (listed.manifest as SensorManifest).spec,
      decisions: live.decisions,
    };
  }

  async eventSource(key: ResourceKey) {
    const all = await this.eventSources();
    const status = all.find((s) => s.namespace === key.namespace && s.name === key.name);
    if (!status) return undefined;
    const listed = (await listResources(this.client, 'EventSource', key.namespace)).find(
      (r) => r.name === key.name,
    );
    return { status, spec: (listed?.manifest.spec ?? {}) as EventSourceSpec };
  }

  async event(eventId: string): Promise<EventReport | undefined> {
    const sensors = await this.sensorsWithLive();
    const report: EventReport = { eventId, receivers: [] };
    for (const { r, live } of sensors) {
      const decision = live.decisions.find(
        (d): d is Extract<Decision, { kind: 'event' }> => d.kind === 'event' && d.eventId === eventId,
      );
      if (!decision) continue;
      const related = live.decisions.filter((d) => d !== decision && namesEvent(d, eventId));
      const fireIds = new Set(
        related.flatMap((d) => (d.kind === 'fired' || d.kind === 'fire-failed' ? [d.fireId] : [])),
      );
      // A dlqTrigger fire names the same events; its result is found by fire id.
      const fires = new Map<string, FireReport>();
      for (const d of related) {
        if (d.kind === 'fired')
          fires.set(d.fireId, {
            trigger: d.trigger,
            fireId: d.fireId,
            ...(d.dlqOf ? { dlqOf: d.dlqOf } : {}),
            firedAt: d.at,
            ...(d.summarized ? {} : { template: d.template, payload: d.payload, resource: d.resource }),
            outcome: 'running',
          });
        if (d.kind === 'fire-failed')
          fires.set(d.fireId, {
            trigger: d.trigger,
            fireId: d.fireId,
            ...(d.dlqOf ? { dlqOf: d.dlqOf } : {}),
            firedAt: d.at,
            outcome: 'not-fired',
            error: d.error,
          });
      }
      for (const d of live.decisions) {
        if (d.kind !== 'result' || !fireIds.has(d.fireId)) continue;
        const f = fires.get(d.fireId);
        if (!f) continue;
        f.outcome = d.outcome;
        if (d.attempts !== undefined) f.attempts = d.attempts;
        if (d.error) f.error = d.error;
      }
      const spec = live.state?.spec ?? (r.manifest as SensorManifest).spec;
      const receiver: EventReceiver = {
        sensor: { namespace: r.namespace, name: r.name, workflowId: r.workflowId },
        decision,
        related,
        fires: [...fires.values()],
        spec,
      };
      const found = await this.fromHistory(r.workflowId, eventId, fires);
      if (found.payload && !report.payload) report.payload = found.payload;
      report.receivers.push(receiver);
    }
    return report.receivers.length > 0 || report.payload ? report : undefined;
  }

  /** The payload and each fire's resolved input and answer, from the newest runs' histories. */
  private async fromHistory(
    workflowId: string,
    eventId: string,
    fires: Map<string, FireReport>,
  ): Promise<{ payload?: CloudEvent }> {
    let payload: CloudEvent | undefined;
    let runIds: string[];
    try {
      runIds = (await sensorRunIds(this.client, workflowId, { newest: RUNS_SEARCHED })).reverse();
    } catch {
      return {};
    }
    const unresolved = () =>
      [...fires.values()].some((f) => f.answer === undefined && f.outcome !== 'not-fired');
    for (const runId of runIds) {
      const scheduled = new Map<string, FireReport>();
      for await (const page of runHistoryPages(this.client, workflowId, runId)) {
        for (const ev of page as HistoryEvent[]) {
          payload ??= eventIn(ev, eventId);
          const fire = scheduledFire(ev);
          if (fire && fires.has(fire.fireId)) {
            const f = fires.get(fire.fireId)!;
            f.runId = runId;
            f.template = fire.template;
            if (fire.payload !== undefined) f.payload = fire.payload;
            if (fire.resource !== undefined) f.resource = fire.resource;
            scheduled.set(String(ev.eventId), f);
          }
          const done = ev.activityTaskCompletedEventAttributes;
          if (done) {
            const f = scheduled.get(String(done.scheduledEventId));
            const out = decode(done.result?.payloads)[0] as
              { attempt?: number; detail?: unknown } | undefined;
            if (f && out) f.answer = out.detail ?? null;
          }
          const failed = ev.activityTaskFailedEventAttributes;
          if (failed) {
            const f = scheduled.get(String(failed.scheduledEventId));
            if (f) f.error = failed.failure?.message ?? f.error;
          }
        }
      }
      if (payload && !unresolved()) break;
    }
    return payload ? { payload } : {};
  }
}

function eventIn(ev: HistoryEvent, eventId: string): CloudEvent | undefined {
  const s = ev.workflowExecutionSignaledEventAttributes;
  if (s?.signalName === 'event') {
    const arg = decode(s.input?.payloads)[0];
    for (const e of Array.isArray(arg) ? arg : [arg]) {
      if ((e as CloudEvent | undefined)?.id === eventId) return e as CloudEvent;
    }
  }
  const started = ev.workflowExecutionStartedEventAttributes;
  if (started) {
    const input = decode(started.input?.payloads)[0] as { pending?: CloudEvent[] } | undefined;
    return input?.pending?.find((e) => e?.id === eventId);
  }
  return undefined;
}

function scheduledFire(ev: HistoryEvent): FireEffect | undefined {
  const a = ev.activityTaskScheduledEventAttributes;
  if (a?.activityType?.name !== 'runTrigger') return undefined;
  const input = decode(a.input?.payloads)[0] as { fire?: FireEffect } | undefined;
  return input?.fire;
}

/** EventSource spec fields that configure the deployment, not an event type. */
const NOT_SOURCES = new Set(['template', 'service', 'eventBusName', 'replicas']);

function eventsOf(spec: EventSourceSpec): string[] {
  const out: string[] = [];
  for (const [type, block] of Object.entries(spec ?? {})) {
    if (NOT_SOURCES.has(type)) continue;
    if (typeof block !== 'object' || block === null || Array.isArray(block)) continue;
    for (const name of Object.keys(block)) out.push(`${type}/${name}`);
  }
  return out.sort();
}

const byName = (a: ResourceKey, b: ResourceKey) =>
  `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`);
