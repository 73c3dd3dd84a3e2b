// A client of one Argo custom-trigger server: the channel (plain or TLS), and the three unary calls
// of its `Trigger` service, each carrying the fire's idempotency key as gRPC metadata. gRPC and the
// .proto load on first connect, so validation never loads them.
import { fileURLToPath } from 'node:url';
import type { Client, Metadata, ServiceError } from '@grpc/grpc-js';
import type { MethodDefinition, PackageDefinition } from '@grpc/proto-loader';

const PROTO = fileURLToPath(new URL('./trigger.proto', import.meta.url));
const SERVICE = 'triggers.Trigger';
/** how long one call may take before the fire fails (and is retried) */
const CALL_DEADLINE_MS = 60_000;
const IDEMPOTENCY_METADATA = 'idempotency-key';

type Grpc = typeof import('@grpc/grpc-js');
type Method = MethodDefinition<object, object>;

interface Loaded {
  grpc: Grpc;
  methods: Record<'FetchResource' | 'Execute' | 'ApplyPolicy', Method>;
}

let loading: Promise<Loaded> | undefined;

function methodOf(def: PackageDefinition, name: string): Method {
  const svc = def[SERVICE] as Record<string, Method | undefined> | undefined;
  const m = svc?.[name];
  if (!m || typeof m.path !== 'string') throw new Error(`${PROTO} has no ${SERVICE}.${name}`);
  return m;
}

function load(): Promise<Loaded> {
  loading ??= (async () => {
    const [grpc, loader] = await Promise.all([import('@grpc/grpc-js'), import('@grpc/proto-loader')]);
    const def = await loader.load(PROTO, { keepCase: true, defaults: true });
    return {
      grpc,
      methods: {
        FetchResource: methodOf(def, 'FetchResource'),
        Execute: methodOf(def, 'Execute'),
        ApplyPolicy: methodOf(def, 'ApplyPolicy'),
      },
    };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

export interface ChannelSettings {
  serverURL: string;
  /** PEM CA certificate; absent: plaintext (Argo's `secure: false`) */
  caCert?: string;
  serverNameOverride?: string;
}

interface PolicyAnswer {
  success: boolean;
  message: string;
}

export interface TriggerServerClient {
  fetchResource(resource: Buffer, key: string): Promise<Buffer>;
  execute(resource: Buffer, payload: Buffer, key: string): Promise<Buffer>;
  applyPolicy(request: Buffer, key: string): Promise<PolicyAnswer>;
  close(): void;
}

/** The gRPC status of a failed call, or undefined for an error that is not one. */
export function grpcStatusOf(e: unknown): { code: number; name: string; details: string } | undefined {
  const s = e as Partial<ServiceError> | undefined;
  if (typeof s?.code !== 'number') return undefined;
  return { code: s.code, name: STATUS_NAMES[s.code] ?? 'UNKNOWN', details: s.details ?? '' };
}

// grpc.status's names by code, without loading gRPC to print one.
const STATUS_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

function bytes(v: unknown): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.alloc(0);
}

/** Opens the channel (lazily: grpc-js connects on the first call) and returns the calls. */
export async function openTriggerServerClient(s: ChannelSettings): Promise<TriggerServerClient> {
  const { grpc, methods } = await load();
  const creds = s.caCert
    ? grpc.credentials.createSsl(Buffer.from(s.caCert))
    : grpc.credentials.createInsecure();
  const options = s.serverNameOverride
    ? {
        'grpc.ssl_target_name_override': s.serverNameOverride,
        'grpc.default_authority': s.serverNameOverride,
      }
    : {};
  const client: Client = new grpc.Client(s.serverURL, creds, options);

  const call = (m: Method, request: object, key: string): Promise<Record<string, unknown>> => {
    const md: Metadata = new grpc.Metadata();
    md.set(IDEMPOTENCY_METADATA, key);
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        m.path,
        m.requestSerialize,
        m.responseDeserialize,
        request,
        md,
        { deadline: Date.now() + CALL_DEADLINE_MS },
        (err, res) => (err ? reject(err) : resolve((res ?? {}) as Record<string, unknown>)),
      );
    });
  };

  return {
    fetchResource: async (resource, key) =>
      bytes((await call(methods.FetchResource, { resource }, key)).resource),
    execute: async (resource, payload, key) =>
      bytes((await call(methods.Execute, { resource, payload }, key)).response),
    applyPolicy: async (request, key) => {
      const r = await call(methods.ApplyPolicy, { request }, key);
      return { success: r.success === true, message: typeof r.message === 'string' ? r.message : '' };
    },
    close: () => client.close(),
  };
}
