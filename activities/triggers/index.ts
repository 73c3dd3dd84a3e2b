// Every trigger type with an implementation, by its key in a trigger template.
import type { TriggerImpl } from '../trigger-context.js';
import { argoWorkflowTrigger } from './argoWorkflow/execute.js';
import { httpTrigger } from './http/execute.js';
import { k8sTrigger } from './k8s/execute.js';
import { logTrigger } from './log/execute.js';
import { slackTrigger } from './slack/execute.js';
import { temporalTrigger } from './temporal/execute.js';

export const TRIGGER_IMPLEMENTATIONS: Record<string, TriggerImpl> = {
  log: logTrigger,
  http: httpTrigger,
  temporal: temporalTrigger,
  k8s: k8sTrigger,
  argoWorkflow: argoWorkflowTrigger,
  slack: slackTrigger,
};
