// eventide delete sensor|eventsource NAME [-n NS]
import { deleteResource, ResourceNotFoundError } from '../../control/resources.js';
import { CliError } from '../cli-error.js';
import { connectFromEnv } from '../temporal-target.js';
import { kindFromWord } from './get.js';

export async function runDelete(
  word: string,
  name: string,
  opts: { namespace?: string },
  out: (s: string) => void = console.log,
) {
  const kind = kindFromWord(word);
  const namespace = opts.namespace ?? 'default';
  const t = await connectFromEnv();
  try {
    await deleteResource(t.client, kind, namespace, name);
    out(`${kind.toLowerCase()}/${namespace}/${name} deleted`);
  } catch (e) {
    if (e instanceof ResourceNotFoundError) throw new CliError(e.message, 1);
    throw e;
  } finally {
    await t.connection.close();
  }
}
