// A client of one Argo generic event source server: the channel and the server-streaming
// `Eventing.StartEventSource` call. gRPC and the .proto load on first connect, so validation never
// loads them.
import { fileURLToPath } from 'node:url';
import type { ClientReadableStream, ServiceError } from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';

const PROTO = fileURLToPath(new URL('./generic.proto', import.meta.url));
const METHOD = 'StartEventSource';

type Grpc = typeof import('@grpc/grpc-js');
type Method = MethodDefinition<object, object>;

let loading: Promise<{ grpc: Grpc; method: Method }> | undefined;

function load(): Promise<{ grpc: Grpc; method: Method }> {
  loading ??= (async () => {
    const [grpc, loader] = await Promise.all([import('@grpc/grpc-js'), import('@grpc/proto-loader')]);
    const def = await loader.load(PROTO, { keepCase: true, defaults: true });
    const m = (def['generic.Eventing'] as Record<string, Method | undefined> | undefined)?.[METHOD];
    if (!m || typeof m.path !== 'string') throw new Error(`${PROTO} has no generic.Eventing.${METHOD}`);
    return { grpc, method: m };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/** One streamed event as the server sent it. */
export interface StreamedEvent {
  name: string;
  payload: Buffer;
}

export interface EventingClient {
  /** Opens the stream; `token` becomes `authorization: Bearer <token>` metadata. */
  start(name: string, config: string, token: string | undefined): ClientReadableStream<StreamedEvent>;
  close(): void;
}

/** `<code> <NAME>: details` of a failed call, or its message. */
export function describeGrpcError(e: unknown): string {
  const s = e as Partial<ServiceError> | undefined;
  if (typeof s?.code === 'number') return `gRPC status ${s.code}${s.details ? `: ${s.details}` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

export async function openEventingClient(url: string, insecure: boolean): Promise<EventingClient> {
  const { grpc, method } = await load();
  const creds = insecure ? grpc.credentials.createInsecure() : grpc.credentials.createSsl();
  const client = new grpc.Client(url, creds, {
    // A silent peer must not hold the stream open forever. Pings stay at 5 minutes: grpc-go
    // servers refuse more frequent ones by default (ENHANCE_YOUR_CALM).
    'grpc.keepalive_time_ms': 300_000,
    'grpc.keepalive_timeout_ms': 20_000,
  });
  return {
    start(name, config, token) {
      const md = new grpc.Metadata();
      if (token !== undefined) md.set('authorization', `Bearer ${token}`);
      return client.makeServerStreamRequest(
        method.path,
        method.requestSerialize,
        (b: Buffer) => {
          const ev = method.responseDeserialize(b) as { name?: unknown; payload?: unknown };
          return {
            name: typeof ev.name === 'string' ? ev.name : '',
            payload: Buffer.isBuffer(ev.payload) ? ev.payload : Buffer.alloc(0),
          };
        },
        { name, config: Buffer.from(config) },
        md,
        {},
      );
    },
    close: () => client.close(),
  };
}
