// The `k8s` trigger type (Argo's standard Kubernetes resource trigger). Its cluster client is
// the process's shared one (src/kubernetes/kube-client.ts), also used by the secret store.
import { defineTriggerType } from '../trigger-type.js';
import { validateK8s } from './rules.js';

export const k8sTriggerType = defineTriggerType({
  type: 'k8s',
  validate: validateK8s,
  // Loaded at the first fire: `eventide validate` reads only the rules.
  execute: async (req) => (await import('./execute.js')).k8sTrigger(req),
});
