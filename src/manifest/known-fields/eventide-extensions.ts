// Fields Eventide reads that Argo's types do not define (README "Triggers", "Correlation windows").
import type { StructCatalogue } from './field-kind.js';

/** Added to Argo's structs of the same name. */
export const EVENTIDE_EXTENSIONS: StructCatalogue = {
  TriggerTemplate: { correlationWindow: 'scalar', temporal: 'TemporalTrigger' },
  NATSEventsSource: { jetStream: 'NATSJetStreamConsumer' },
  NATSJetStreamConsumer: { stream: 'scalar', durable: 'scalar', deliverPolicy: 'scalar', ackWait: 'scalar', batchSize: 'scalar' },
  NATSTrigger: { jetStream: 'scalar' },
  TemporalTrigger: {
    workflowType: 'scalar',
    taskQueue: 'scalar',
    workflowId: 'scalar',
    args: 'free',
    signalName: 'scalar',
    payload: '[]TriggerParameter',
    parameters: '[]TriggerParameter',
  },
};
