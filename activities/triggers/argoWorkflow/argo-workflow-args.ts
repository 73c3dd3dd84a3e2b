// `argoWorkflow.args`: in Argo, extra arguments of the `argo` CLI. Eventide has no CLI; the
// `argo submit` flags that only shape the submitted Workflow are applied to it directly, and
// every other argument is reported back (ignoredArgs) instead of being acted on.
import {
  addLabels,
  isPlainObject,
  metadataOf,
  type KubeObject,
} from '../../../src/kubernetes/kube-object.js';

export interface SubmitArgs {
  parameters: { name: string; value: string }[];
  entrypoint?: string;
  serviceAccount?: string;
  labels: Record<string, string>;
  name?: string;
  generateName?: string;
  ignored: string[];
}

type Flag = 'parameter' | 'entrypoint' | 'serviceaccount' | 'labels' | 'name' | 'generate-name';

const FLAGS: Record<string, Flag> = {
  '-p': 'parameter',
  '--parameter': 'parameter',
  '--entrypoint': 'entrypoint',
  '--serviceaccount': 'serviceaccount',
  '-l': 'labels',
  '--labels': 'labels',
  '--name': 'name',
  '--generate-name': 'generate-name',
};

function splitPair(s: string): [string, string] | undefined {
  const eq = s.indexOf('=');
  return eq > 0 ? [s.slice(0, eq), s.slice(eq + 1)] : undefined;
}

export function parseSubmitArgs(args: readonly string[]): SubmitArgs {
  const out: SubmitArgs = { parameters: [], labels: {}, ignored: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = String(args[i]);
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = FLAGS[eq > 0 ? arg.slice(0, eq) : arg];
    const value = eq > 0 ? arg.slice(eq + 1) : args[i + 1];
    if (!flag || value === undefined) {
      out.ignored.push(arg);
      continue;
    }
    if (eq < 0) i++;
    const pair = splitPair(value);
    if (flag === 'parameter' && pair) out.parameters.push({ name: pair[0], value: pair[1] });
    else if (flag === 'labels') {
      for (const kv of value.split(',')) {
        const p = splitPair(kv);
        if (p) out.labels[p[0]] = p[1];
      }
    } else if (flag === 'entrypoint') out.entrypoint = value;
    else if (flag === 'serviceaccount') out.serviceAccount = value;
    else if (flag === 'name') out.name = value;
    else if (flag === 'generate-name') out.generateName = value;
    else out.ignored.push(arg, value);
  }
  return out;
}

/** Applies parsed submit flags to a Workflow object, as `argo submit` does before creating it. */
export function applySubmitArgs(wf: KubeObject, a: SubmitArgs): void {
  const spec = (isPlainObject(wf.spec) ? wf.spec : (wf.spec = {})) as Record<string, unknown>;
  if (a.entrypoint) spec.entrypoint = a.entrypoint;
  if (a.serviceAccount) spec.serviceAccountName = a.serviceAccount;
  if (a.parameters.length > 0) {
    const args = (isPlainObject(spec.arguments) ? spec.arguments : (spec.arguments = {})) as {
      parameters?: { name?: string; value?: string }[];
    };
    const params = Array.isArray(args.parameters) ? args.parameters : (args.parameters = []);
    for (const p of a.parameters) {
      const existing = params.find((x) => x?.name === p.name);
      if (existing) existing.value = p.value;
      else params.push({ name: p.name, value: p.value });
    }
  }
  if (Object.keys(a.labels).length > 0) addLabels(wf, a.labels);
  const meta = metadataOf(wf);
  if (a.name) meta.name = a.name;
  if (a.generateName) meta.generateName = a.generateName;
}
