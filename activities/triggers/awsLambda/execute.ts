// The `awsLambda` trigger: invokes a function with the payload built from `payload`, as Argo
// does. A function error (FunctionError in the answer, the function threw) fails the fire and
// is retried; Argo counts it as success. The idempotency key goes in the invocation's client
// context (`custom.idempotencyKey`, context.clientContext in the function) for synchronous
// invocations; AWS does not pass client context to Event invocations.
// The AWS SDK is loaded by the first fire, so `eventide validate` does not load it.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { TriggerRequest } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError, triggerPermissionError } from '../../trigger-errors.js';
import type { LambdaSpec } from './lambda-client.js';

const LABEL = 'awsLambda trigger';

/** AWS error names where retrying cannot help (the function, its config or the credentials). */
const CONFIG_ERRORS = new Set(['ResourceNotFoundException', 'InvalidParameterValueException', 'RequestTooLargeException', 'InvalidRequestContentException']);
const PERMISSION_ERRORS = new Set(['AccessDeniedException', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException']);

function invokeInput(spec: LambdaSpec, payload: unknown, idempotencyKey: string) {
  const body = payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
  const type = spec.invocationType ?? 'RequestResponse';
  return {
    FunctionName: spec.functionName,
    InvocationType: type,
    Payload: new TextEncoder().encode(body),
    ...(type === 'RequestResponse'
      ? { ClientContext: Buffer.from(JSON.stringify({ custom: { idempotencyKey } })).toString('base64') }
      : {}),
  };
}

export async function awsLambdaTrigger({ fire, attempt }: TriggerRequest, client: LambdaClient): Promise<unknown> {
  const spec = (fire.template.awsLambda ?? {}) as LambdaSpec;
  if (!spec.functionName) throw triggerConfigError(`${LABEL}: functionName is required`, attempt);
  const where = `function ${spec.functionName} in ${spec.region}`;
  const { InvokeCommand } = await import('@aws-sdk/client-lambda');
  let out;
  try {
    out = await client.send(new InvokeCommand(invokeInput(spec, fire.payload, fire.idempotencyKey)));
  } catch (e) {
    const err = e as Error & { name: string };
    const msg = `${LABEL}: invoking ${where} failed: ${err.name}: ${err.message}`;
    if (PERMISSION_ERRORS.has(err.name)) throw triggerPermissionError(msg, attempt, e);
    if (CONFIG_ERRORS.has(err.name)) throw triggerConfigError(msg, attempt, e);
    throw retryableTriggerError(msg, attempt, e);
  }
  const response = out.Payload ? new TextDecoder().decode(out.Payload).slice(0, 200) : '';
  if (out.FunctionError) {
    throw retryableTriggerError(`${LABEL}: ${where} returned a function error (${out.FunctionError}): ${response}`, attempt);
  }
  const allow = (fire.policy?.status as { allow?: number[] } | undefined)?.allow;
  if (allow && allow.length > 0 && !allow.includes(out.StatusCode ?? 0)) {
    throw retryableTriggerError(`${LABEL}: ${where} answered ${out.StatusCode}, allowed: ${allow.join(', ')}`, attempt);
  }
  return { status: out.StatusCode, version: out.ExecutedVersion, response };
}
