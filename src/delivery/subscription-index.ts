// Which Sensors subscribe to which (namespace, eventSourceName, eventName), read from the running
// Sensor workflows' memos and refreshed periodically. Shared by the ingress and the delivery
// activity used by workflow-driven sources (calendar, file).
import type { Client } from '@temporalio/client';
import { listResources } from '../control/resources.js';
import type { SensorManifest } from '../vocabulary/manifest-types.js';
import { namespaceOf } from '../vocabulary/manifest-types.js';
import { sensorWorkflowId } from '../vocabulary/sensor-api.js';

function subscriptionKey(namespace: string, eventSourceName: string, eventName: string): string {
  return `${namespace}\u0000${eventSourceName}\u0000${eventName}`;
}

function buildSubscriptions(sensors: SensorManifest[]): Map<string, string[]> {
  const subs = new Map<string, string[]>();
  for (const s of sensors) {
    const ns = namespaceOf(s);
    const id = sensorWorkflowId(ns, s.metadata.name);
    for (const d of s.spec.dependencies ?? []) {
      const key = subscriptionKey(ns, d.eventSourceName, d.eventName);
      const list = subs.get(key) ?? [];
      if (!list.includes(id)) list.push(id);
      subs.set(key, list);
    }
  }
  return subs;
}

export class SubscriptionIndex {
  private subs = new Map<string, string[]>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly client: Client,
    /** how old the index may be before a lookup that finds nothing reloads it, ms */
    private readonly staleAfterMs = 500,
    /** where a reload reads Sensors from (default: list every running Sensor) */
    private readonly load: () => Promise<SensorManifest[]> = () =>
      listResources(client, 'Sensor').then((list) => list.map((s) => s.manifest as SensorManifest)),
  ) {}

  /** Replaces the index (the ingress refreshes Sensors and EventSources together). */
  set(sensors: SensorManifest[]): void {
    this.subs = buildSubscriptions(sensors);
    this.loadedAt = Date.now();
  }

  reload(): Promise<void> {
    this.loading ??= this.load()
      .then((list) => this.set(list))
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** Sensor workflow ids subscribed to the event; reloads once when nothing is found and the index is stale. */
  async lookup(namespace: string, eventSourceName: string, eventName: string): Promise<string[]> {
    const key = subscriptionKey(namespace, eventSourceName, eventName);
    let found = this.subs.get(key) ?? [];
    if (found.length === 0 && Date.now() - this.loadedAt > this.staleAfterMs) {
      // A Sensor applied moments ago may not be in the index yet.
      await this.reload();
      found = this.subs.get(key) ?? [];
    }
    return found;
  }
}
