// Argo's `amqp` EventSource (RabbitMQ and other AMQP 0-9-1 brokers): a listener per event.
import { listenerSource } from '../source-descriptor.js';
import { readAmqpConfig } from './amqp-config.js';
import { listenAmqp } from './amqp-listener.js';

export const amqpSource = listenerSource({ type: 'amqp', readConfig: readAmqpConfig, listen: listenAmqp });
