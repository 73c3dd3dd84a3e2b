// GitHub App credentials (githubApp: privateKey, appID, installationID) → an installation access
// token: a short-lived RS256 JWT signed with the app's private key is exchanged at
// POST /app/installations/{id}/access_tokens.
import { createPrivateKey, createSign } from 'node:crypto';
import { hostJson, joinUrl, type FetchFn } from '../git-hosts/host-api.js';

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** The app's JWT: issued a minute in the past (clock drift), valid for nine minutes (GitHub allows ten). */
function githubAppJwt(appId: number, privateKeyPem: string, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const head = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ iat: now - 60, exp: now + 540, iss: String(appId) }));
  const signer = createSign('RSA-SHA256');
  signer.update(`${head}.${claims}`);
  const signature = signer.sign(createPrivateKey(privateKeyPem));
  return `${head}.${claims}.${base64url(signature)}`;
}

export async function githubInstallationToken(
  fetchFn: FetchFn,
  apiBase: string,
  app: { appId: number; installationId: number; privateKeyPem: string },
): Promise<string> {
  const jwt = githubAppJwt(app.appId, app.privateKeyPem, Date.now());
  const res = await hostJson(
    fetchFn,
    'POST',
    joinUrl(apiBase, `app/installations/${app.installationId}/access_tokens`),
    { authorization: `Bearer ${jwt}`, accept: 'application/vnd.github+json', 'user-agent': 'eventide' },
  );
  const token = (res.body as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string' || token === '') {
    throw new Error(`GitHub answered the installation token request for app ${app.appId} without a token`);
  }
  return token;
}
