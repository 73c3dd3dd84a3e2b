// HTTPS for a port when its routes name serverCertSecret / serverKeySecret.
import type { SecretStore } from '../secrets/secret-store.js';
import type { RouteSpec } from '../sources/source-type.js';

export function tlsOptionsFor(
  routes: RouteSpec[],
  secrets: SecretStore,
): { options?: { cert: string; key: string }; key: string } {
  const withTls = routes.find((r) => r.tls);
  if (!withTls?.tls) return { key: '' };
  const cert = secrets.tryGet(withTls.tls.cert);
  const key = secrets.tryGet(withTls.tls.key);
  if (cert === undefined || key === undefined) return { key: 'missing' };
  return {
    options: { cert, key },
    key: `${withTls.tls.cert.name}/${withTls.tls.cert.key}|${cert.length}|${key.length}`,
  };
}
