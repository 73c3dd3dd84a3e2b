// Whether Eventide reads Kubernetes Secrets, which namespaces and how often, from the
// environment: on by itself inside a cluster, on request elsewhere (KUBECONFIG), off on request.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseGoDuration } from '../lang/duration/index.js';
import { DEFAULT_SECRETS_REFRESH_MS } from './kubernetes-secret-cache.js';

/** Where Kubernetes mounts a pod's service account. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export interface KubernetesSecretsSettings {
  /** true when asked for with EVENTIDE_SECRETS_FROM_KUBERNETES=1 (a missing cluster is then an error) */
  required: boolean;
  /** EVENTIDE_SECRETS_NAMESPACE; undefined: the namespace of the current context / service account */
  namespaces?: string[];
  refreshMs: number;
}

export class SecretsConfigError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`${variable}=${JSON.stringify(value)} is not valid: expected ${expected}`);
    this.name = 'SecretsConfigError';
  }
}

function flag(env: NodeJS.ProcessEnv): boolean | undefined {
  const v = env.EVENTIDE_SECRETS_FROM_KUBERNETES?.trim().toLowerCase();
  if (v === undefined || v === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new SecretsConfigError('EVENTIDE_SECRETS_FROM_KUBERNETES', v, '1 (on) or 0 (off)');
}

function refreshMs(env: NodeJS.ProcessEnv): number {
  const text = env.EVENTIDE_SECRETS_REFRESH;
  if (!text) return DEFAULT_SECRETS_REFRESH_MS;
  let ms: number;
  try {
    ms = parseGoDuration(text);
  } catch {
    ms = NaN;
  }
  if (!(ms >= 1000))
    throw new SecretsConfigError('EVENTIDE_SECRETS_REFRESH', text, 'a duration of 1s or more, e.g. 30s');
  return ms;
}

/** undefined when Kubernetes Secrets are off. Throws SecretsConfigError on a malformed variable. */
export function kubernetesSecretsSettings(
  env: NodeJS.ProcessEnv,
  serviceAccountDir = SERVICE_ACCOUNT_DIR,
): KubernetesSecretsSettings | undefined {
  const asked = flag(env);
  const inCluster = Boolean(env.KUBERNETES_SERVICE_HOST) || existsSync(join(serviceAccountDir, 'token'));
  if (asked === false || (asked === undefined && !inCluster)) return undefined;
  const namespaces = (env.EVENTIDE_SECRETS_NAMESPACE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = namespaces.find((ns) => !NAMESPACE_NAME.test(ns));
  if (bad !== undefined)
    throw new SecretsConfigError(
      'EVENTIDE_SECRETS_NAMESPACE',
      bad,
      'namespace names (DNS labels) separated by commas',
    );
  return {
    required: asked === true,
    ...(namespaces.length > 0 ? { namespaces } : {}),
    refreshMs: refreshMs(env),
  };
}
