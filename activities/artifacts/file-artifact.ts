// `source.file`: a file on the worker's filesystem (in Argo, a volume mounted into the sensor).
import { readFile } from 'node:fs/promises';
import { ArtifactError } from './artifact-error.js';

export interface FileArtifact {
  path?: string;
}

export async function readFileArtifact(a: FileArtifact): Promise<string> {
  if (!a.path) throw new ArtifactError('source.file.path is required', false);
  try {
    return await readFile(a.path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ArtifactError(
      `cannot read source.file ${a.path}: ${code ?? (e as Error).message}` +
        (code === 'ENOENT' ? ' (the file must exist on every worker)' : ''),
      false,
    );
  }
}
