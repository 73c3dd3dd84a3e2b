// The `pulsar` trigger type (Argo's): one message per fire, on a WebSocket producer shared by
// every fire to the same (url, topic, auth), closed on worker shutdown.
import { defineTriggerType } from '../trigger-type.js';
import { validatePulsar } from './rules.js';
import { openProducer, producerKey, pulsarTrigger } from './execute.js';
import type { PulsarProducer } from './pulsar-producer.js';

export const pulsarTriggerType = defineTriggerType<PulsarProducer>({
  type: 'pulsar',
  validate: validatePulsar,
  connection: { key: producerKey, open: openProducer, close: (producer) => producer.close() },
  execute: pulsarTrigger,
});
