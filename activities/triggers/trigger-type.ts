// The shape every trigger type plugs into: one descriptor per type, in activities/triggers/<type>/.
import type { TriggerRequest } from '../trigger-context.js';
import type { TriggerRule } from './trigger-rules.js';

/**
 * A connection a type keeps open across fires (a Kafka producer, a NATS connection): opened once
 * per key (target + auth), reused by later fires, closed when the worker shuts down.
 */
interface TriggerConnection<Conn> {
  /** fires whose key is equal share one connection; the key must not contain secrets */
  key(req: TriggerRequest): string;
  open(req: TriggerRequest): Promise<Conn>;
  close(conn: Conn): Promise<void>;
}

export interface TriggerTypeDescriptor<Conn = never> {
  /** the key of the type in a trigger template (`http:`, `k8s:`) */
  type: string;
  /** validation of the type's block in a trigger template (pure: `eventide validate` runs it) */
  validate: TriggerRule;
  connection?: TriggerConnection<Conn>;
  /** runs one fire; returns a small, secret-free summary for the audit */
  execute(req: TriggerRequest, conn: Conn | undefined): Promise<unknown>;
}

/** Ties a descriptor's connection type to its execute. */
export function defineTriggerType<Conn = never>(d: TriggerTypeDescriptor<Conn>): TriggerTypeDescriptor<Conn> {
  return d;
}
