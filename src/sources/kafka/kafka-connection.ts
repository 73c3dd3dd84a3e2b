// Argo's Kafka connection settings (`url`, `tls`, `sasl`, `version`) as used by both the kafka
// EventSource and the kafka trigger: validated here, turned into a kafkajs client config with
// secrets resolved through the SecretStore. Secret values never reach logs or errors: only their
// references do.
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { optionalSecret } from '../push-common/webhook-context-rules.js';

/** Argo's SASL mechanisms (sarama's names); kafkajs spells them in lower case. */
const SASL_MECHANISMS = {
  PLAIN: 'plain',
  'SCRAM-SHA-256': 'scram-sha-256',
  'SCRAM-SHA-512': 'scram-sha-512',
} as const;
type SaslMechanism = keyof typeof SASL_MECHANISMS;

interface KafkaTlsPlan {
  caCertSecret?: SecretKeySelector;
  clientCertSecret?: SecretKeySelector;
  clientKeySecret?: SecretKeySelector;
  insecureSkipVerify: boolean;
}

interface KafkaSaslPlan {
  mechanism: SaslMechanism;
  userSecret: SecretKeySelector;
  passwordSecret: SecretKeySelector;
}

export interface KafkaConnectionPlan {
  brokers: string[];
  tls?: KafkaTlsPlan;
  sasl?: KafkaSaslPlan;
}

function selector(v: unknown): SecretKeySelector | undefined {
  return v && typeof v === 'object' ? (v as SecretKeySelector) : undefined;
}

/** `url` is a comma-separated list of host:port, as sarama takes it. */
function readBrokers(p: Problems, v: unknown, path: PathSegment[]): string[] | undefined {
  const url = stringAt(p, v, path, true);
  if (url === undefined) return undefined;
  const brokers = url.split(',').map((b) => b.trim());
  const bad = brokers.find((b) => !/^[^\s:/]+:\d{1,5}$/.test(b) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(b));
  if (bad !== undefined) {
    p.add(path, `must be host:port[,host:port…] (no scheme), got ${JSON.stringify(bad)}`);
    return undefined;
  }
  return brokers;
}

function readTls(p: Problems, v: unknown, path: PathSegment[]): KafkaTlsPlan | undefined {
  const tls = objectAt(p, v, path, false);
  if (!tls) return undefined;
  const plan: KafkaTlsPlan = {
    insecureSkipVerify: boolAt(p, tls.insecureSkipVerify, [...path, 'insecureSkipVerify']) ?? false,
  };
  for (const field of ['caCertSecret', 'clientCertSecret', 'clientKeySecret'] as const) {
    if (optionalSecret(p, tls[field], [...path, field])) plan[field] = selector(tls[field]);
  }
  if ((plan.clientCertSecret === undefined) !== (plan.clientKeySecret === undefined))
    p.add(path, 'clientCertSecret and clientKeySecret must be given together');
  return plan;
}

function readSasl(p: Problems, v: unknown, path: PathSegment[]): KafkaSaslPlan | undefined {
  const sasl = objectAt(p, v, path, false);
  if (!sasl) return undefined;
  const raw = stringAt(p, sasl.mechanism, [...path, 'mechanism'], false) ?? 'PLAIN';
  const mechanism = raw.toUpperCase() as SaslMechanism;
  if (!(mechanism in SASL_MECHANISMS)) {
    p.add(
      [...path, 'mechanism'],
      `must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (Eventide runs kafkajs, which has no GSSAPI or OAUTHBEARER here), got ${JSON.stringify(raw)}`,
    );
    return undefined;
  }
  const user = optionalSecret(p, sasl.userSecret, [...path, 'userSecret']);
  const pass = optionalSecret(p, sasl.passwordSecret, [...path, 'passwordSecret']);
  if (!user) p.add([...path, 'userSecret'], 'required');
  if (!pass) p.add([...path, 'passwordSecret'], 'required');
  if (!user || !pass) return undefined;
  return {
    mechanism,
    userSecret: selector(sasl.userSecret)!,
    passwordSecret: selector(sasl.passwordSecret)!,
  };
}

/** `version` is sarama's protocol version; kafkajs negotiates by itself, so it is only checked. */
function checkKafkaVersion(p: Problems, v: unknown, path: PathSegment[]): void {
  const version = stringAt(p, v, path, false);
  if (version !== undefined && !/^\d+\.\d+\.\d+(\.\d+)?$/.test(version))
    p.add(path, `must be a Kafka version like 2.8.0, got ${JSON.stringify(version)}`);
}

export function readKafkaConnection(
  p: Problems,
  cfg: Obj,
  path: PathSegment[],
): KafkaConnectionPlan | undefined {
  const before = p.list.length;
  const brokers = readBrokers(p, cfg.url, [...path, 'url']);
  const tls = readTls(p, cfg.tls, [...path, 'tls']);
  const sasl = readSasl(p, cfg.sasl, [...path, 'sasl']);
  checkKafkaVersion(p, cfg.version, [...path, 'version']);
  if (p.list.length > before || !brokers) return undefined;
  return { brokers, ...(tls ? { tls } : {}), ...(sasl ? { sasl } : {}) };
}

/** Identifies the connection (brokers + auth references, never values) for sharing clients. */
export function kafkaConnectionKey(plan: KafkaConnectionPlan): string {
  return JSON.stringify([plan.brokers, plan.tls ?? null, plan.sasl ?? null]);
}

/** The kafkajs client config; throws (a SecretNotFoundError naming only the reference) on a missing secret. */
export function kafkajsConfig(
  plan: KafkaConnectionPlan,
  secrets: SecretStore,
  clientId: string,
): KafkaConfig {
  const config: KafkaConfig = { clientId, brokers: plan.brokers };
  if (plan.tls) {
    const t = plan.tls;
    config.ssl = {
      rejectUnauthorized: !t.insecureSkipVerify,
      ...(t.caCertSecret ? { ca: [secrets.get(t.caCertSecret)] } : {}),
      ...(t.clientCertSecret ? { cert: secrets.get(t.clientCertSecret) } : {}),
      ...(t.clientKeySecret ? { key: secrets.get(t.clientKeySecret) } : {}),
    };
  }
  if (plan.sasl) {
    const s = plan.sasl;
    config.sasl = {
      mechanism: SASL_MECHANISMS[s.mechanism],
      username: secrets.get(s.userSecret),
      password: secrets.get(s.passwordSecret),
    } as SASLOptions;
  }
  return config;
}
