// Argo's `generic` EventSource config: the server's `url`, the `config` text it is sent,
// `insecure`, `jsonBody`, `metadata`, `authSecret` (a bearer token). Pure: validation and the
// listener share it.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readSecretSelector } from '../listener-common/secret-selector.js';

export interface GenericPlan {
  /** a gRPC target: host:port, dns:///host:port, … */
  url: string;
  config: string;
  /** plaintext; otherwise TLS verified against Node's trust store */
  insecure: boolean;
  jsonBody: boolean;
  metadata?: Record<string, string>;
  authSecret?: SecretKeySelector;
}

export function readGenericConfig(p: Problems, cfg: Obj, path: PathSegment[]): GenericPlan | undefined {
  const before = p.list.length;
  const url = stringAt(p, cfg.url, [...path, 'url'], true);
  if (url !== undefined && /^https?:\/\//i.test(url))
    p.add(
      [...path, 'url'],
      `must be a gRPC target (host:port or dns:///host:port), not an http URL, got ${JSON.stringify(url)}`,
    );
  // Argo also refuses an empty config: stringAt reports '' as required.
  const config = stringAt(p, cfg.config, [...path, 'config'], true);
  const insecure = boolAt(p, cfg.insecure, [...path, 'insecure']) ?? false;
  const jsonBody = boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false;
  const metadata = readMetadata(p, cfg, path);
  const authSecret = readSecretSelector(p, cfg.authSecret, [...path, 'authSecret'], false);
  if (p.list.length > before || url === undefined || config === undefined) return undefined;
  return {
    url,
    config,
    insecure,
    jsonBody,
    ...(metadata ? { metadata } : {}),
    ...(authSecret ? { authSecret } : {}),
  };
}
