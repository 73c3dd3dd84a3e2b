// The text of a trigger's `source` when it is not an inline resource: inline text, a file, a
// URL, a ConfigMap key, a file in a Git repository or an object in an S3-compatible store.
import type { SecretStore } from '../../src/secrets/secret-store.js';
import type { KubeClient } from '../../src/kubernetes/kube-client.js';
import { ArtifactError } from './artifact-error.js';
import { readConfigMapArtifact, type ConfigMapArtifact } from './configmap-artifact.js';
import { readFileArtifact, type FileArtifact } from './file-artifact.js';
import { readGitArtifact, type GitArtifact } from './git-artifact.js';
import { readS3Artifact, type S3Artifact } from './s3-artifact.js';
import { readUrlArtifact, type URLArtifact } from './url-artifact.js';

export interface ArtifactLocation {
  resource?: unknown;
  inline?: string;
  file?: FileArtifact;
  url?: URLArtifact;
  configmap?: ConfigMapArtifact;
  git?: GitArtifact;
  s3?: S3Artifact;
}

export interface ArtifactContext {
  /** the Sensor's namespace: where ConfigMaps are read */
  namespace: string;
  secrets: SecretStore;
  kube: () => Promise<KubeClient>;
}

export interface ArtifactText {
  text: string;
  /** where it came from, for messages */
  where: string;
}

export async function readArtifactText(src: ArtifactLocation, ctx: ArtifactContext): Promise<ArtifactText> {
  if (typeof src.inline === 'string') return { text: src.inline, where: 'source.inline' };
  if (src.file) return { text: await readFileArtifact(src.file), where: `source.file ${src.file.path}` };
  if (src.url) return { text: await readUrlArtifact(src.url), where: `source.url ${src.url.path}` };
  if (src.configmap) {
    const text = await readConfigMapArtifact(src.configmap, ctx.namespace, await ctx.kube());
    return { text, where: `ConfigMap ${ctx.namespace}/${src.configmap.name} key ${src.configmap.key}` };
  }
  if (src.git) {
    const text = await readGitArtifact(src.git, ctx.secrets);
    return { text, where: `${src.git.filePath} in ${src.git.url}` };
  }
  if (src.s3) return readS3Artifact(src.s3, ctx.secrets);
  throw new ArtifactError('source needs one of resource, inline, file, url, configmap, git, s3', false);
}
