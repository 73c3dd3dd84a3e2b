// The `kafka` trigger type (Argo's): one message per fire, on a producer shared by every fire to
// the same brokers with the same auth, closed on worker shutdown.
import type { Producer } from 'kafkajs';
import { defineTriggerType } from '../trigger-type.js';
import { validateKafka } from './rules.js';
import { kafkaTrigger, openProducer, producerKey } from './execute.js';

export const kafkaTriggerType = defineTriggerType<Producer>({
  type: 'kafka',
  validate: validateKafka,
  connection: {
    key: producerKey,
    open: openProducer,
    close: (producer) => producer.disconnect(),
  },
  execute: (req, producer) => kafkaTrigger(req, producer),
});
