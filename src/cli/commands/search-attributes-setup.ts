// `eventide apply` against a server no Eventide worker has prepared yet: Eventide's search
// attributes are registered first (as the worker does), and when that is not allowed (Temporal
// Cloud, a restricted operator API) a failed apply says which attributes are missing and how to
// add them, instead of a bare "Failed to signalWithStart Workflow".
import type { Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../../temporal/connect.js';
import { EVENTIDE_SEARCH_ATTRIBUTES } from '../../vocabulary/search-attributes.js';
import { CliError } from '../cli-error.js';

export type Registration = { ok: true } | { ok: false; reason: string };

export async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<Registration> {
  try {
    await ensureSearchAttributes(connection, namespace);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

const CLI_TYPE: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime' };

/** The `temporal` commands that add every Eventide search attribute to a namespace. */
export function searchAttributeCommands(namespace: string): string[] {
  return EVENTIDE_SEARCH_ATTRIBUTES.map(
    (k) =>
      `temporal operator search-attribute create --namespace ${namespace} --name ${k.name} --type ${CLI_TYPE[k.type] ?? k.type}`,
  );
}

/** The error to show for a failed apply: its cause kept, and the fix when attributes may be missing. */
export function withSearchAttributeHint(
  e: unknown,
  what: string,
  registration: Registration,
  namespace: string,
): CliError {
  const hint = registration.ok
    ? ''
    : `; Eventide's search attributes could not be registered (${registration.reason}): add them with\n  ${searchAttributeCommands(namespace).join('\n  ')}`;
  return new CliError(`cannot apply ${what}${hint}`, 1, { cause: e });
}
