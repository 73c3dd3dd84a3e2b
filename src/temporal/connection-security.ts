// TLS, API key and gRPC metadata for reaching a Temporal cluster (Temporal Cloud, a server behind
// mTLS), read the way every Temporal SDK and the `temporal` CLI read them: @temporalio/envconfig's
// TEMPORAL_TLS_*, TEMPORAL_API_KEY, TEMPORAL_GRPC_META_* variables and the optional
// temporal.toml profile (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE). Address and namespace stay with
// temporalSettingsFromEnv, which already reads TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE.
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';

export type ConnectionSecurity = Pick<NativeConnectionOptions, 'tls' | 'apiKey' | 'metadata'>;

export function connectionSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectionSecurity {
  let options: NativeConnectionOptions;
  try {
    options = loadClientConnectConfig({ overrideEnvVars: definedOnly(env) }).connectionOptions;
  } catch (e) {
    // A certificate path that does not exist, a malformed profile: say which setting to fix.
    throw new Error(
      `EVT_ERR_CONFIG_TEMPORAL_CONNECTION: cannot read the Temporal connection settings (TEMPORAL_TLS_*, TEMPORAL_API_KEY, TEMPORAL_CONFIG_FILE): ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  return {
    ...(options.tls !== undefined ? { tls: options.tls } : {}),
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    ...(options.metadata !== undefined ? { metadata: options.metadata } : {}),
  };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
