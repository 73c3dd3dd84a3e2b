// An artifact's text (YAML or JSON) as a Kubernetes object. Like Argo, only the first YAML
// document counts.
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../src/kubernetes/kube-object.js';
import { isPlainObject } from '../../src/kubernetes/kube-object.js';
import { ArtifactError } from './artifact-error.js';

export function parseResourceText(text: string, where: string): KubeObject {
  const docs = parseAllDocuments(text);
  const first = Array.isArray(docs) ? docs[0] : undefined;
  const error = first?.errors[0];
  if (error) throw new ArtifactError(`${where} is not valid YAML: ${error.message}`, false);
  const value: unknown = first?.toJS();
  if (!isPlainObject(value)) {
    throw new ArtifactError(
      `${where} does not hold a Kubernetes object (a map with apiVersion and kind)`,
      false,
    );
  }
  return value as KubeObject;
}
