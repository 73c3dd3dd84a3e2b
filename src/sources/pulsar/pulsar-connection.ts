// What the pulsar EventSource and the pulsar trigger share: Argo's connection fields (url, tls*,
// authTokenSecret, connectionBackoff; Athenz refused) read into a plan, topic names, and the
// options for Pulsar's WebSocket API, which is how Eventide talks to Pulsar (npm pulsar-client
// needs the C++ libpulsar, which does not install here). Pure readers plus ws option builders.
import type { SecretStore } from '../../secrets/secret-store.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import {
  readSecretSelector,
  readTls,
  type TlsPlan,
} from '../listener-common/broker-settings.js';
import { readBackoff, type BackoffPlan } from '../listener-common/connection-backoff.js';

export interface PulsarConnectionPlan {
  /** the url as written (for logs and errors) */
  url: string;
  /** the web service base the WebSocket API lives under: ws://host:8080 */
  wsBase: string;
  tlsTrustCertsSecret?: SecretKeySelector;
  tlsAllowInsecureConnection: boolean;
  tlsValidateHostname: boolean;
  tls?: TlsPlan;
  authTokenSecret?: SecretKeySelector;
  backoff: BackoffPlan;
}

/** A topic as the WebSocket API's path takes it. */
export interface PulsarTopic {
  /** persistent://tenant/namespace/topic */
  name: string;
  domain: 'persistent' | 'non-persistent';
  tenant: string;
  namespace: string;
  topic: string;
}

// Pulsar's default web service ports, where the WebSocket API is served: a pulsar:// URL names
// the binary protocol port, which the WebSocket API does not speak.
const WEB_PORT = { 'pulsar:': '8080', 'pulsar+ssl:': '8443' } as const;

/** The WebSocket base of a url: ws(s):// and http(s):// as given, pulsar(+ssl):// on the default web port. */
export function webSocketBase(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const path = u.pathname.replace(/\/+$/, '');
  switch (u.protocol) {
    case 'ws:':
    case 'wss:':
      return `${u.protocol}//${u.host}${path}`;
    case 'http:':
    case 'https:':
      return `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}${path}`;
    case 'pulsar:':
    case 'pulsar+ssl:':
      return `${u.protocol === 'pulsar+ssl:' ? 'wss:' : 'ws:'}//${u.hostname}:${WEB_PORT[u.protocol]}`;
    default:
      return undefined;
  }
}

/** Pulsar's topic name forms: `t`, `tenant/ns/t`, `persistent://tenant/ns/t`, `non-persistent://…`. */
export function parseTopic(raw: string): PulsarTopic | undefined {
  const m = /^(?:(persistent|non-persistent):\/\/)?(.+)$/.exec(raw);
  if (!m) return undefined;
  const parts = m[2]!.split('/');
  const domain = (m[1] ?? 'persistent') as PulsarTopic['domain'];
  if (m[1] === undefined && parts.length === 1) parts.unshift('public', 'default');
  if (parts.length !== 3 || parts.some((s) => s === '')) return undefined;
  const [tenant, namespace, topic] = parts as [string, string, string];
  return { name: `${domain}://${tenant}/${namespace}/${topic}`, domain, tenant, namespace, topic };
}

export function readTopic(p: Problems, v: unknown, path: PathSegment[]): PulsarTopic | undefined {
  const s = stringAt(p, v, path, true);
  if (s === undefined) return undefined;
  const t = parseTopic(s);
  if (!t) p.add(path, `must be a Pulsar topic like "my-topic", "tenant/namespace/topic" or "persistent://tenant/namespace/topic", got ${JSON.stringify(s)}`);
  return t;
}

export function readPulsarConnection(p: Problems, cfg: Obj, path: PathSegment[]): PulsarConnectionPlan | undefined {
  const before = p.list.length;
  const url = stringAt(p, cfg.url, [...path, 'url'], true);
  const wsBase = url === undefined ? undefined : webSocketBase(url);
  if (url !== undefined && wsBase === undefined)
    p.add(
      [...path, 'url'],
      `must be a Pulsar service URL (pulsar://host:6650, pulsar+ssl://…, or the web service as http(s):// or ws(s)://host:8080), got ${JSON.stringify(url)}`,
    );
  for (const k of ['authAthenzParams', 'authAthenzSecret'] as const)
    if (cfg[k] !== undefined && cfg[k] !== null)
      p.add(
        [...path, k],
        'not supported: Athenz authentication needs the native Pulsar client, and Eventide talks to Pulsar through its WebSocket API, which takes a token; use authTokenSecret',
      );
  const plan: PulsarConnectionPlan = {
    url: url ?? '',
    wsBase: wsBase ?? '',
    tlsAllowInsecureConnection: boolAt(p, cfg.tlsAllowInsecureConnection, [...path, 'tlsAllowInsecureConnection']) ?? false,
    tlsValidateHostname: boolAt(p, cfg.tlsValidateHostname, [...path, 'tlsValidateHostname']) ?? false,
    backoff: readBackoff(p, cfg.connectionBackoff, [...path, 'connectionBackoff']),
  };
  const trust = readSecretSelector(p, cfg.tlsTrustCertsSecret, [...path, 'tlsTrustCertsSecret'], false);
  if (trust) plan.tlsTrustCertsSecret = trust;
  const tls = readTls(p, cfg.tls, [...path, 'tls']);
  // Argo's pulsar client uses tls only as client-certificate authentication.
  if (tls && !tls.clientCertSecret) p.add([...path, 'tls'], 'needs clientCertSecret and clientKeySecret (Pulsar uses tls for client-certificate authentication)');
  if (tls) plan.tls = tls;
  const token = readSecretSelector(p, cfg.authTokenSecret, [...path, 'authTokenSecret'], false);
  if (token) plan.authTokenSecret = token;
  return p.list.length > before ? undefined : plan;
}

/** Connections with equal keys can be shared; no secret values in it. */
export function pulsarConnectionKey(c: PulsarConnectionPlan): string {
  return JSON.stringify([c.wsBase, c.tlsTrustCertsSecret, c.tlsAllowInsecureConnection, c.tlsValidateHostname, c.tls, c.authTokenSecret]);
}

export interface PulsarSocketOptions {
  headers: Record<string, string>;
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
  checkServerIdentity?: () => undefined;
  handshakeTimeout: number;
}

/** ws client options: the token as a Bearer header, TLS as Argo's client would do it. */
export function pulsarSocketOptions(c: PulsarConnectionPlan, secrets: SecretStore): PulsarSocketOptions {
  const o: PulsarSocketOptions = { headers: {}, rejectUnauthorized: !c.tlsAllowInsecureConnection, handshakeTimeout: 10_000 };
  if (c.authTokenSecret) o.headers.Authorization = `Bearer ${secrets.get(c.authTokenSecret).trim()}`;
  if (c.tlsTrustCertsSecret) o.ca = secrets.get(c.tlsTrustCertsSecret);
  if (c.tls?.clientCertSecret) o.cert = secrets.get(c.tls.clientCertSecret);
  if (c.tls?.clientKeySecret) o.key = secrets.get(c.tls.clientKeySecret);
  // Argo's default (tlsValidateHostname: false) checks the chain but not the name.
  if (!c.tlsValidateHostname) o.checkServerIdentity = () => undefined;
  return o;
}

/** The WebSocket API path of a topic: /ws/v2/<consumer|producer>/<domain>/<tenant>/<ns>/<topic>[/<sub>]. */
export function topicSocketUrl(c: PulsarConnectionPlan, role: 'consumer' | 'producer', t: PulsarTopic, subscription?: string): string {
  const parts = [t.domain, t.tenant, t.namespace, t.topic, ...(subscription !== undefined ? [subscription] : [])];
  return `${c.wsBase}/ws/v2/${role}/${parts.map(encodeURIComponent).join('/')}`;
}
