// The `custom` trigger, in Argo's call sequence: FetchResource(spec as YAML), the trigger's
// `parameters` applied to the fetched resource (JSON), Execute(resource, payload), then
// ApplyPolicy(Execute's response). Every call carries the fire's idempotency key as gRPC metadata
// (`idempotency-key`), so a server can recognise a retried fire.
import { stringify } from 'yaml';
import { applyParameters } from '../../../src/engine/parameters/apply-parameters.js';
import { ParameterError } from '../../../src/engine/parameters/resolve-value.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { Problems } from '../../../src/vocabulary/problems.js';
import type { Obj } from '../../../src/vocabulary/shape-checks.js';
import type { TriggerRequest } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError, triggerPermissionError } from '../../trigger-errors.js';
import { readCustomTrigger, type CustomTriggerPlan } from './custom-trigger-spec.js';
import { grpcStatusOf, openTriggerServerClient, type TriggerServerClient } from './trigger-server-client.js';

const UNIMPLEMENTED = 12;
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function planOf(req: TriggerRequest): CustomTriggerPlan {
  const p = new Problems();
  const plan = readCustomTrigger(p, (req.fire.template.custom ?? {}) as Obj, ['custom']);
  if (!plan) {
    const first = p.list[0];
    throw triggerConfigError(
      `custom trigger: ${first ? `${formatFieldPath(first.path)}: ${first.message}` : 'invalid'}`,
      req.attempt,
    );
  }
  return plan;
}

/** Fires to the same server with the same TLS settings share a channel (no secret values in it). */
export function channelKey(req: TriggerRequest): string {
  const plan = planOf(req);
  return JSON.stringify([
    plan.serverURL,
    plan.secure,
    plan.certSecret ?? null,
    plan.serverNameOverride ?? null,
  ]);
}

export async function openChannel(req: TriggerRequest): Promise<TriggerServerClient> {
  const plan = planOf(req);
  let caCert: string | undefined;
  if (plan.secure && plan.certSecret) {
    try {
      caCert = req.services.secrets.get(plan.certSecret);
    } catch (e) {
      throw triggerConfigError(`custom trigger: certSecret: ${message(e)}`, req.attempt);
    }
  }
  return openTriggerServerClient({
    serverURL: plan.serverURL,
    ...(caCert !== undefined ? { caCert } : {}),
    ...(plan.serverNameOverride ? { serverNameOverride: plan.serverNameOverride } : {}),
  });
}

/** A failed call as the fire's failure: the gRPC status decides whether a retry can help. */
function callFailure(e: unknown, rpc: string, plan: CustomTriggerPlan, attempt: number) {
  const s = grpcStatusOf(e);
  const what = `custom trigger: ${rpc} on ${plan.serverURL} failed: ${
    s ? `gRPC status ${s.code} ${s.name}${s.details ? `: ${s.details}` : ''}` : message(e)
  }`;
  if (s?.code === UNIMPLEMENTED)
    return triggerConfigError(
      `${what} (the server does not implement Argo's triggers.Trigger service)`,
      attempt,
    );
  if (s?.code === PERMISSION_DENIED || s?.code === UNAUTHENTICATED)
    return triggerPermissionError(what, attempt);
  return retryableTriggerError(what, attempt);
}

function payloadBytes(payload: unknown): Buffer {
  if (payload === undefined) return Buffer.alloc(0);
  return Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
}

/** Argo's ApplyResourceParameters: only a JSON object resource takes parameters. */
function withParameters(fetched: Buffer, plan: CustomTriggerPlan, req: TriggerRequest): Buffer {
  if (plan.parameters.length === 0) return fetched;
  let doc: unknown;
  try {
    doc = JSON.parse(fetched.toString('utf8'));
  } catch {
    doc = undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw retryableTriggerError(
      `custom trigger: the resource FetchResource returned is not a JSON object, so parameters cannot be applied to it (${fetched.length} bytes)`,
      req.attempt,
    );
  try {
    return Buffer.from(JSON.stringify(applyParameters(doc, plan.parameters, req.fire.events, Date.now())));
  } catch (e) {
    if (e instanceof ParameterError)
      throw triggerConfigError(`custom trigger: parameters: ${e.message}`, req.attempt);
    throw e;
  }
}

export async function customTrigger(
  req: TriggerRequest,
  client: TriggerServerClient | undefined,
): Promise<unknown> {
  const plan = planOf(req);
  if (!client) throw triggerConfigError('custom trigger: no channel', req.attempt);
  const key = req.fire.idempotencyKey;
  // Argo marshals the spec map with ghodss/yaml: keys sorted, one `key: value` line each.
  const spec = Buffer.from(stringify(plan.spec, { sortMapEntries: true }));
  let fetched: Buffer;
  try {
    fetched = await client.fetchResource(spec, key);
  } catch (e) {
    throw callFailure(e, 'FetchResource', plan, req.attempt);
  }
  const resource = withParameters(fetched, plan, req);
  let response: Buffer;
  try {
    response = await client.execute(resource, payloadBytes(req.fire.payload), key);
  } catch (e) {
    throw callFailure(e, 'Execute', plan, req.attempt);
  }
  try {
    // As in Argo, `success: false` is reported, not a failed fire (an unset field reads false).
    const policy = await client.applyPolicy(response, key);
    return { server: plan.serverURL, resourceBytes: resource.length, responseBytes: response.length, policy };
  } catch (e) {
    throw callFailure(e, 'ApplyPolicy', plan, req.attempt);
  }
}
