// An installation access token of a GitHub App (`source.git.githubApp`): a JWT signed with the
// app's private key is exchanged for a token that clones as user x-access-token. The API base
// is https://api.github.com, or EVENTIDE_GITHUB_API_URL (GitHub Enterprise, tests).
import { createSign } from 'node:crypto';
import { ArtifactError } from './artifact-error.js';

function base64url(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

function githubAppJwt(appId: number | string, privateKeyPem: string, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  // Backdated a minute for clock skew; GitHub allows at most ten minutes of validity.
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ iat: now - 60, exp: now + 540, iss: String(appId) }));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${claims}`);
  let signature: Buffer;
  try {
    signature = signer.sign(privateKeyPem);
  } catch {
    throw new ArtifactError('source.git.githubApp.privateKey is not a valid PEM private key', false);
  }
  return `${header}.${claims}.${base64url(signature)}`;
}

export async function githubInstallationToken(
  appId: number | string,
  installationId: number | string,
  privateKeyPem: string,
): Promise<string> {
  const base = (process.env.EVENTIDE_GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const jwt = githubAppJwt(appId, privateKeyPem, Date.now());
  let res: Response;
  try {
    res = await fetch(
      `${base}/app/installations/${encodeURIComponent(String(installationId))}/access_tokens`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${jwt}`, Accept: 'application/vnd.github+json' },
        signal: AbortSignal.timeout(30_000),
      },
    );
  } catch (e) {
    throw new ArtifactError(`GitHub App token request failed: ${(e as Error).message}`, true);
  }
  const body = (await res.json().catch(() => ({}))) as { token?: string; message?: string };
  if (!res.ok || !body.token) {
    throw new ArtifactError(
      `GitHub App token request answered ${res.status}${body.message ? `: ${body.message}` : ''}`,
      res.status >= 500 || res.status === 429,
    );
  }
  return body.token;
}
