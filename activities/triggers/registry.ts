// Every trigger type Eventide runs: adding a type is a folder in activities/triggers/<type>/ and
// one line here. Validation, the trigger activity and the README's table read this list
// (test/unit/triggers/supported-types.test.ts keeps the README and Argo's list in step).
import type { TriggerRequest } from '../trigger-context.js';
import { argoWorkflowTriggerType } from './argoWorkflow/index.js';
import { httpTriggerType } from './http/index.js';
import { k8sTriggerType } from './k8s/index.js';
import { kafkaTriggerType } from './kafka/index.js';
import { logTriggerType } from './log/index.js';
import { natsTriggerType } from './nats/index.js';
import { pulsarTriggerType } from './pulsar/index.js';
import { customTriggerType } from './custom/index.js';
import { slackTriggerType } from './slack/index.js';
import { emailTriggerType } from './email/index.js';
import { openWhiskTriggerType } from './openWhisk/index.js';
import { awsLambdaTriggerType } from './awsLambda/index.js';
import { temporalTriggerType } from './temporal/index.js';
import { azureEventHubsTriggerType } from './azureEventHubs/index.js';
import { azureServiceBusTriggerType } from './azureServiceBus/index.js';
import { connectionFor } from './trigger-connections.js';
import type { TriggerTypeDescriptor } from './trigger-type.js';
import type { TriggerRule } from './trigger-rules.js';

/** A registered type, its connection type erased (runTriggerType keeps it consistent). */
interface RegisteredTriggerType {
  type: string;
  validate: TriggerRule;
  run(req: TriggerRequest): Promise<unknown>;
}

function register<Conn>(d: TriggerTypeDescriptor<Conn>): RegisteredTriggerType {
  return {
    type: d.type,
    validate: d.validate,
    run: async (req) => d.execute(req, await connectionFor(d, req)),
  };
}

const TRIGGER_TYPES: readonly RegisteredTriggerType[] = [
  register(logTriggerType),
  register(httpTriggerType),
  register(temporalTriggerType),
  register(k8sTriggerType),
  register(argoWorkflowTriggerType),
  register(slackTriggerType),
  register(kafkaTriggerType),
  register(emailTriggerType),
  register(openWhiskTriggerType),
  register(awsLambdaTriggerType),
  register(natsTriggerType),
  register(pulsarTriggerType),
  register(customTriggerType),
  register(azureEventHubsTriggerType),
  register(azureServiceBusTriggerType),
];

export function triggerTypeNames(): string[] {
  return TRIGGER_TYPES.map((t) => t.type);
}

/** The registered type, or undefined for a type Eventide does not run. */
export function findTriggerType(type: string): RegisteredTriggerType | undefined {
  return TRIGGER_TYPES.find((t) => t.type === type);
}
