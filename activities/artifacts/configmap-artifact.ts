// `source.configmap`: a key of a ConfigMap in the Sensor's namespace, read through the
// Kubernetes API (Argo reads it from a volume mounted into the sensor pod).
import { Buffer } from 'node:buffer';
import type { KubeClient } from '../../src/kubernetes/kube-client.js';
import { ArtifactError } from './artifact-error.js';

export interface ConfigMapArtifact {
  name?: string;
  key?: string;
  optional?: boolean;
}

const CONFIGMAPS = { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true };

export async function readConfigMapArtifact(
  a: ConfigMapArtifact,
  namespace: string,
  client: KubeClient,
): Promise<string> {
  if (!a.name || !a.key) throw new ArtifactError('source.configmap needs name and key', false);
  const cm = (await client.get(CONFIGMAPS, namespace, a.name)) as {
    data?: Record<string, string>;
    binaryData?: Record<string, string>;
  };
  const text = cm.data?.[a.key];
  if (text !== undefined) return text;
  const binary = cm.binaryData?.[a.key];
  if (binary !== undefined) return Buffer.from(binary, 'base64').toString('utf8');
  throw new ArtifactError(`ConfigMap ${namespace}/${a.name} has no key ${JSON.stringify(a.key)}`, false);
}
