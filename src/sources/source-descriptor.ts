// What the registry knows of one EventSource type: how it is validated and how it runs.
// - push: the ingress serves its routes (and the EventSource workflow manages its hooks, if any);
// - listener: the generic source-listener activity runs its `listen` loop, one per event;
// - timers: the EventSource workflow runs it with durable timers (calendar).
import type { Obj } from '../vocabulary/shape-checks.js';
import type { HookManager } from './hook-management/hook-manager.js';
import {
  ListenerConfigError,
  type ListenerContext,
  type ListenFunction,
} from './listener-common/listener-source.js';
import { planOrThrow, validatorOf, type ConfigReader } from './source-config.js';
import type { PushSourceType, SourceValidator } from './source-type.js';
import type { RunMode } from './run-modes.js';

interface DescriptorBase {
  type: string;
  runMode: RunMode;
  validate: SourceValidator;
}

export interface PushDescriptor extends DescriptorBase {
  runMode: 'push';
  push: PushSourceType;
  hooks?: HookManager;
}

/** Everything of a listener's context but its typed config, which the descriptor parses. */
export type ListenerRuntime = Omit<ListenerContext<unknown, unknown>, 'config'>;

export interface ListenerDescriptor extends DescriptorBase {
  runMode: 'listener';
  /** Parses the raw config (ListenerConfigError when it cannot run) and listens until cancelled. */
  listen(rawConfig: Obj, runtime: ListenerRuntime): Promise<void>;
}

export interface TimersDescriptor extends DescriptorBase {
  runMode: 'timers';
}

export type SourceDescriptor = PushDescriptor | ListenerDescriptor | TimersDescriptor;

export function pushSource(push: PushSourceType, hooks?: HookManager): PushDescriptor {
  return { type: push.type, runMode: 'push', validate: push.validate, push, ...(hooks ? { hooks } : {}) };
}

/** A listener type: its config reader (validation and runtime share it) and its listen loop. */
export function listenerSource<Config, Checkpoint>(o: {
  type: string;
  readConfig: ConfigReader<Config>;
  listen: ListenFunction<Config, Checkpoint>;
}): ListenerDescriptor {
  return {
    type: o.type,
    runMode: 'listener',
    validate: validatorOf(o.readConfig),
    async listen(rawConfig, runtime) {
      let config: Config;
      try {
        config = planOrThrow(o.readConfig, rawConfig);
      } catch (e) {
        throw new ListenerConfigError(e instanceof Error ? e.message : String(e));
      }
      // The checkpoint is what this type's own listen loop heartbeated earlier.
      await o.listen({ ...runtime, config, checkpoint: runtime.checkpoint as Checkpoint | undefined });
    },
  };
}

export function timersSource<Config>(o: {
  type: string;
  readConfig: ConfigReader<Config>;
}): TimersDescriptor {
  return { type: o.type, runMode: 'timers', validate: validatorOf(o.readConfig) };
}
