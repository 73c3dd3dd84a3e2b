// Integration-test harness: a real Temporal dev server on loopback with Eventide's worker and
// ingress, manifests built in code, and helpers to talk to Sensors.
import { startEventide, type RunningEventide, type StartOptions } from '../../src/runtime/start-eventide.js';
import { validateText } from '../../src/manifest/validate-manifest.js';
import { formatLocatedProblem } from '../../src/vocabulary/problems.js';
import type { Manifest } from '../../src/vocabulary/manifest-types.js';
import { decisionsQuery, sensorWorkflowId, stateQuery } from '../../src/vocabulary/sensor-api.js';
import type { Decision, EngineState } from '../../src/engine/types.js';
import { stringify } from 'yaml';
import { createSecretStore } from '../../src/secrets/secret-store.js';

export async function startTestEventide(o: Partial<StartOptions> = {}): Promise<RunningEventide> {
  // Activity retries are expected in these tests; keep the SDK's warnings out of the output.
  process.env.EVENTIDE_WORKER_LOG_LEVEL ??= 'ERROR';
  return startEventide({
    devServer: { uiPort: false, ...o.devServer },
    ingress: { host: '127.0.0.1', refreshMs: 300 },
    secrets: createSecretStore({ env: {}, dir: '/nonexistent' }),
    log: () => undefined,
    logLine: () => undefined,
    ...o,
  });
}

/** Validates manifests exactly as `eventide apply` would; throws with the problems. */
export function validManifests(...docs: object[]): Manifest[] {
  const text = docs.map((d) => stringify(d)).join('---\n');
  const r = validateText('test.yaml', text);
  if (r.problems.length > 0) throw new Error(r.problems.map(formatLocatedProblem).join('\n'));
  return r.valid.map((v) => v.manifest);
}

export async function sensorDecisions(
  e: RunningEventide,
  name: string,
  namespace = 'default',
): Promise<Decision[]> {
  return e.client.workflow.getHandle(sensorWorkflowId(namespace, name)).query(decisionsQuery);
}

export async function sensorState(
  e: RunningEventide,
  name: string,
  namespace = 'default',
): Promise<EngineState> {
  return e.client.workflow.getHandle(sensorWorkflowId(namespace, name)).query(stateQuery);
}

export function webhookEventSource(name: string, events: Record<string, Record<string, unknown>>) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name },
    spec: { webhook: events },
  };
}

export function sensor(name: string, spec: Record<string, unknown>) {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Sensor', metadata: { name }, spec };
}
