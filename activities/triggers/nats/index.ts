// The `nats` trigger type (Argo's): one publish per fire on a connection kept per (url, auth, tls).
import type { NatsConnection } from 'nats';
import { defineTriggerType } from '../trigger-type.js';
import { validateNats } from './rules.js';
import { closeNatsConnection, natsConnectionKey, natsTrigger, openNatsConnection } from './execute.js';

export const natsTriggerType = defineTriggerType<NatsConnection>({
  type: 'nats',
  validate: validateNats,
  connection: { key: natsConnectionKey, open: openNatsConnection, close: closeNatsConnection },
  execute: natsTrigger,
});
