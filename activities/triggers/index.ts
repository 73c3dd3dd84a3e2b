// Every trigger type with an implementation, by its key in a trigger template.
import type { TriggerImpl } from '../trigger-context.js';
import { argoWorkflowTrigger } from './argo-workflow-trigger.js';
import { httpTrigger } from './http-trigger.js';
import { k8sTrigger } from './k8s-trigger.js';
import { logTrigger } from './log-trigger.js';
import { slackTrigger } from './slack-trigger.js';
import { temporalTrigger } from './temporal-trigger.js';

export const TRIGGER_IMPLEMENTATIONS: Record<string, TriggerImpl> = {
  log: logTrigger,
  http: httpTrigger,
  temporal: temporalTrigger,
  k8s: k8sTrigger,
  argoWorkflow: argoWorkflowTrigger,
  slack: slackTrigger,
};
