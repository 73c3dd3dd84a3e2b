import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionSecurityFromEnv } from '../../../src/temporal/connection-security.js';

// A profile file that does not exist is no profile, so the machine's own temporal.toml stays out.
const base = { TEMPORAL_CONFIG_FILE: '/nonexistent/temporal.toml' };

test('no TLS or API key settings: a plain connection', () => {
  assert.deepEqual(connectionSecurityFromEnv(base), {});
});

test('TEMPORAL_API_KEY, TEMPORAL_TLS_* and TEMPORAL_GRPC_META_* reach the connection options', () => {
  const s = connectionSecurityFromEnv({
    ...base,
    TEMPORAL_API_KEY: 'key-1',
    TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    TEMPORAL_GRPC_META_X_TENANT: 'blue',
  });
  assert.equal(s.apiKey, 'key-1');
  assert.equal((s.tls as { serverNameOverride?: string }).serverNameOverride, 'temporal.internal');
  assert.deepEqual(s.metadata, { 'x-tenant': 'blue' });
});

test('a client certificate that does not exist is a configuration error naming the file', () => {
  assert.throws(
    () =>
      connectionSecurityFromEnv({
        ...base,
        TEMPORAL_TLS_CLIENT_CERT_PATH: '/nonexistent/client.pem',
        TEMPORAL_TLS_CLIENT_KEY_PATH: '/nonexistent/client.key',
      }),
    /EVT_ERR_CONFIG_TEMPORAL_CONNECTION: .*\/nonexistent\/client\.(pem|key)/,
  );
});
