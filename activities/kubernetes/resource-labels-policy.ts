// Argo's `policy.k8s`: after a resource trigger ran, poll the object it created or changed until
// it carries the expected labels (e.g. workflows.argoproj.io/phase: Succeeded), with the
// policy's backoff (default: 5 checks, 1 s apart, jitter 1). When the checks run out the trigger
// still succeeds unless errorOnBackoffTimeout is set; a failed read fails the trigger.
import type { Backoff } from '../../src/vocabulary/manifest-types.js';
import { backoffDurationMs } from '../../src/engine/retry-policy.js';
import type { TriggerRequest } from '../trigger-context.js';
import { retryableTriggerError } from '../trigger-errors.js';
import type { KubeClient, ResourceInfo } from '../../src/kubernetes/kube-client.js';
import { describeObject, isPlainObject, type KubeObject } from '../../src/kubernetes/kube-object.js';
import { kubeTriggerError } from './kube-trigger-errors.js';
import type { ResourceTarget } from './resource-target.js';

interface K8sResourcePolicy {
  labels?: Record<string, string>;
  backoff?: Backoff;
  errorOnBackoffTimeout?: boolean;
}

export interface LabelsPolicyOutcome {
  satisfied: boolean;
  checks: number;
}

class PolicyTimeoutError extends Error {
  constructor(what: string, labels: Record<string, string>, checks: number) {
    super(
      `${what} did not get the labels ${JSON.stringify(labels)} after ${checks} checks ` +
        '(policy.k8s.errorOnBackoffTimeout is set)',
    );
    this.name = 'PolicyTimeoutError';
  }
}

function amount(v: string | number | undefined, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}

/** The waits between checks, as k8s wait.Backoff computes them (duration · factorⁱ, plus jitter). */
function policyWaitsMs(b: Backoff | undefined, random: () => number = Math.random): number[] {
  const steps = b?.steps && b.steps > 0 ? Math.floor(b.steps) : 5;
  let duration = backoffDurationMs(b?.duration) ?? 1000;
  const factor = amount(b?.factor, 1);
  const jitter = amount(b?.jitter, 1);
  const waits: number[] = [];
  for (let i = 1; i < steps; i++) {
    waits.push(jitter > 0 ? duration + random() * jitter * duration : duration);
    if (factor > 0) duration *= factor;
  }
  return waits;
}

function policyOf(policy: Record<string, unknown> | undefined): K8sResourcePolicy | undefined {
  const k8s = policy?.k8s;
  return isPlainObject(k8s) && isPlainObject(k8s.labels) ? (k8s as K8sResourcePolicy) : undefined;
}

async function awaitResourceLabels(args: {
  client: KubeClient;
  info: ResourceInfo;
  namespace: string;
  name: string;
  policy: K8sResourcePolicy;
  what: string;
  sleep?: (ms: number) => Promise<void>;
}): Promise<LabelsPolicyOutcome> {
  const { client, info, namespace, name, policy } = args;
  const want = policy.labels ?? {};
  const sleep = args.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const waits = policyWaitsMs(policy.backoff);
  let checks = 0;
  for (let i = 0; ; i++) {
    const obj = await client.get(info, namespace, name);
    checks++;
    const labels = obj.metadata?.labels ?? {};
    if (Object.entries(want).every(([k, v]) => labels[k] === String(v))) return { satisfied: true, checks };
    const wait = waits[i];
    if (wait === undefined) break;
    await sleep(wait);
  }
  if (policy.errorOnBackoffTimeout) throw new PolicyTimeoutError(args.what, want, checks);
  return { satisfied: false, checks };
}

/** Applies the fire's policy.k8s (if any) to the object the trigger produced. */
export async function applyLabelsPolicy(
  req: TriggerRequest,
  target: ResourceTarget,
  obj: KubeObject,
  label: string,
): Promise<LabelsPolicyOutcome | undefined> {
  const policy = policyOf(req.fire.policy);
  const name = obj.metadata?.name;
  if (!policy || !name) return undefined;
  const what = `${label}: ${describeObject(obj)}`;
  try {
    return await awaitResourceLabels({ ...target, name, policy, what });
  } catch (e) {
    // A timeout is retried: the next attempt finds the same object (createOnce) and checks again.
    if (e instanceof PolicyTimeoutError) throw retryableTriggerError(e.message, req.attempt);
    throw kubeTriggerError(e, `${what}: checking policy.k8s labels`, req.attempt);
  }
}
