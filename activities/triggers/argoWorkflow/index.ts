// The `argoWorkflow` trigger type (Argo's): submits or operates on Argo Workflows.
import { defineTriggerType } from '../trigger-type.js';
import { validateArgoWorkflow } from './rules.js';
import { argoWorkflowTrigger } from './execute.js';

export const argoWorkflowTriggerType = defineTriggerType({
  type: 'argoWorkflow',
  validate: validateArgoWorkflow,
  execute: (req) => argoWorkflowTrigger(req),
});
