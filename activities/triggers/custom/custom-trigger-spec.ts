// Argo's `custom` trigger block read into a plan: where the trigger server is, how to reach it,
// and the spec map it is sent. Pure: validation and execution share it. Keys the reader does not
// know are ignored, as Go's JSON decoding ignores them (the engine may also have written some).
import type { PathSegment } from '../../../src/vocabulary/field-path.js';
import type { SecretKeySelector, TriggerParameter } from '../../../src/vocabulary/manifest-types.js';
import type { Problems } from '../../../src/vocabulary/problems.js';
import { boolAt, objectAt, stringAt, type Obj } from '../../../src/vocabulary/shape-checks.js';
import { checkSecretRef } from '../trigger-rules.js';

export interface CustomTriggerPlan {
  serverURL: string;
  secure: boolean;
  /** the PEM CA certificate the server's certificate must chain to (required when secure) */
  certSecret?: SecretKeySelector;
  serverNameOverride?: string;
  spec: Record<string, string>;
  /** applied to the resource the server fetched, not to the spec */
  parameters: TriggerParameter[];
}

export function readCustomTrigger(
  p: Problems,
  block: Obj,
  path: PathSegment[],
): CustomTriggerPlan | undefined {
  const before = p.list.length;
  const serverURL = stringAt(p, block.serverURL, [...path, 'serverURL'], true);
  if (serverURL !== undefined && /^https?:\/\//i.test(serverURL))
    p.add(
      [...path, 'serverURL'],
      `must be a gRPC target (host:port or dns:///host:port), not an http URL, got ${JSON.stringify(serverURL)}`,
    );
  const secure = boolAt(p, block.secure, [...path, 'secure']) ?? false;
  let certSecret: SecretKeySelector | undefined;
  if (block.certSecret !== undefined && block.certSecret !== null) {
    const n = p.list.length;
    checkSecretRef(p, block.certSecret, [...path, 'certSecret'], true);
    if (p.list.length === n) certSecret = block.certSecret as SecretKeySelector;
  }
  if (secure && block.certSecret == null)
    p.add(
      [...path, 'certSecret'],
      'required when secure is true: a secret holding the PEM CA certificate of the trigger server',
    );
  const serverNameOverride = stringAt(p, block.serverNameOverride, [...path, 'serverNameOverride'], false);
  const specObj = objectAt(p, block.spec, [...path, 'spec'], true);
  const spec: Record<string, string> = {};
  for (const [k, v] of Object.entries(specObj ?? {})) {
    if (typeof v === 'string') spec[k] = v;
    else
      p.add(
        [...path, 'spec', k],
        `must be a string (Argo's spec is a map of strings), got ${JSON.stringify(v)}; quote it`,
      );
  }
  const parameters = Array.isArray(block.parameters) ? (block.parameters as TriggerParameter[]) : [];
  if (p.list.length > before || serverURL === undefined || !specObj) return undefined;
  return {
    serverURL,
    secure,
    ...(certSecret ? { certSecret } : {}),
    ...(serverNameOverride ? { serverNameOverride } : {}),
    spec,
    parameters,
  };
}
