// Which URLs a message may make us fetch (SubscribeURL, SigningCertURL). Anyone can POST to the
// endpoint, so without this check a forged message could aim our requests anywhere (SSRF).
// Trusted: https on the default port at sns.<region>.amazonaws.com(.cn) (Argo's host rule), plus
// exact origins the operator names: the origin of the spec's `endpoint` (a local SNS such as
// LocalStack) and those in EVENTIDE_SNS_TRUSTED_ORIGINS (comma-separated; tests use it).
import type { RouteSpec } from '../source-type.js';

export const SNS_TRUSTED_ORIGINS_ENV = 'EVENTIDE_SNS_TRUSTED_ORIGINS';

const AWS_SNS_HOST = /^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$/;

function originOf(text: string): string | undefined {
  try {
    const u = new URL(text.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Origins trusted for this route beyond AWS's own hosts. */
export function extraTrustedOrigins(route: RouteSpec, env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (const entry of (env[SNS_TRUSTED_ORIGINS_ENV] ?? '').split(',')) {
    const o = entry.trim() === '' ? undefined : originOf(entry);
    if (o) out.push(o);
  }
  const endpoint = route.config.endpoint;
  const fromSpec = typeof endpoint === 'string' && endpoint !== '' ? originOf(endpoint) : undefined;
  if (fromSpec) out.push(fromSpec);
  return out;
}

/** Why we must not fetch this URL, or undefined when it is trusted. */
export function untrustedUrlReason(what: string, url: string, extraOrigins: string[]): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `${what} is not a URL`;
  }
  if (u.username !== '' || u.password !== '') return `${what} must not carry credentials`;
  if (extraOrigins.includes(u.origin)) return undefined;
  if (u.protocol !== 'https:') return `${what} must use https`;
  if (u.port !== '') return `${what} must use the default https port`;
  if (!AWS_SNS_HOST.test(u.hostname)) {
    return `${what} host ${JSON.stringify(u.hostname)} is not an SNS host (sns.<region>.amazonaws.com); add its origin to ${SNS_TRUSTED_ORIGINS_ENV} to trust it`;
  }
  return undefined;
}
