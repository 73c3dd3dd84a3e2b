// A Temporal client for Eventide's own use, and registration of its search attributes on
// servers that do not have them yet (an existing cluster reached through TEMPORAL_ADDRESS).
import { Client, Connection, type ClientInterceptors } from '@temporalio/client';
import proto from '@temporalio/proto';
import { EVENTIDE_SEARCH_ATTRIBUTES } from '../vocabulary/search-attributes.js';
import { connectionSecurityFromEnv } from './connection-security.js';

export interface Connected {
  connection: Connection;
  client: Client;
  namespace: string;
}

export async function connectClient(
  address: string,
  namespace: string,
  opts: {
    connectTimeoutMs?: number;
    maxReceiveMessageBytes?: number;
    interceptors?: ClientInterceptors;
  } = {},
): Promise<Connected> {
  const connection = await Connection.connect({
    address,
    ...connectionSecurityFromEnv(),
    ...(opts.connectTimeoutMs ? { connectTimeout: opts.connectTimeoutMs } : {}),
    ...(opts.maxReceiveMessageBytes
      ? { channelArgs: { 'grpc.max_receive_message_length': opts.maxReceiveMessageBytes } }
      : {}),
  });
  const client = new Client({
    connection,
    namespace,
    ...(opts.interceptors ? { interceptors: opts.interceptors } : {}),
  });
  return { connection, client, namespace };
}

/** Adds Eventide's search attributes where missing; a no-op when they exist. */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = EVENTIDE_SEARCH_ATTRIBUTES.filter((k) => !(k.name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  const searchAttributes: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {};
  for (const k of missing)
    searchAttributes[k.name] =
      k.type === 'DATETIME'
        ? proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME
        : proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}
