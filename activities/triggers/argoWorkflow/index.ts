// The `argoWorkflow` trigger type (Argo's): submits or operates on Argo Workflows.
import { defineTriggerType } from '../trigger-type.js';
import { validateArgoWorkflow } from './rules.js';

export const argoWorkflowTriggerType = defineTriggerType({
  type: 'argoWorkflow',
  validate: validateArgoWorkflow,
  // Loaded at the first fire: `eventide validate` reads only the rules.
  execute: async (req) => (await import('./execute.js')).argoWorkflowTrigger(req),
});
