// What a trigger implementation gets: the fire decided by the engine and the process's services.
import type { Client } from '@temporalio/client';
import type { FireEffect, SensorRef } from '../src/engine/types.js';
import type { SecretStore } from '../src/secrets/secret-store.js';

export interface TriggerServices {
  secrets: SecretStore;
  /** a client on the worker's own Temporal connection, for the `temporal` trigger */
  temporal?: Client;
  /** where the `log` trigger writes (stdout by default) */
  logLine?: (line: string) => void;
}

export interface TriggerRequest {
  sensor: SensorRef;
  fire: FireEffect;
  attempt: number;
  services: TriggerServices;
}

/** A trigger implementation returns a small, secret-free summary for the audit. */
export type TriggerImpl = (req: TriggerRequest) => Promise<unknown>;
