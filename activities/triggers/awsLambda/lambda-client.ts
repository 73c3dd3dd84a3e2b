// A Lambda client for a trigger spec: static keys from secrets, else the default AWS credential
// chain; with roleARN, those credentials assume the role through STS (refreshed before expiry).
// EVENTIDE_AWS_LAMBDA_ENDPOINT points Lambda and STS elsewhere (moto in tests, a VPC endpoint).
// The AWS SDK is loaded when the client is first made, so `eventide validate` does not load it.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { STSClient } from '@aws-sdk/client-sts';
import type { SecretKeySelector } from '../../../src/vocabulary/manifest-types.js';
import type { SecretStore } from '../../../src/secrets/secret-store.js';

export const LAMBDA_ENDPOINT_ENV = 'EVENTIDE_AWS_LAMBDA_ENDPOINT';

export interface LambdaSpec {
  functionName?: string;
  region?: string;
  accessKey?: SecretKeySelector;
  secretKey?: SecretKeySelector;
  roleARN?: string;
  invocationType?: 'RequestResponse' | 'Event' | 'DryRun';
}

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

function roleProvider(sts: STSClient, roleArn: string, sessionName: string): () => Promise<Credentials> {
  let cached: Credentials | undefined;
  return async () => {
    // Renew five minutes before expiry.
    if (cached?.expiration && cached.expiration.getTime() - Date.now() > 300_000) return cached;
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS AssumeRole ${roleArn} returned no credentials`);
    cached = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
    return cached;
  };
}

/** Throws the SecretStore's error when a key is missing. */
export async function lambdaClient(spec: LambdaSpec, secrets: SecretStore): Promise<LambdaClient> {
  const endpoint = process.env[LAMBDA_ENDPOINT_ENV] || undefined;
  const region = spec.region;
  const keys =
    spec.accessKey && spec.secretKey
      ? { accessKeyId: secrets.get(spec.accessKey), secretAccessKey: secrets.get(spec.secretKey) }
      : undefined;
  const { LambdaClient } = await import('@aws-sdk/client-lambda');
  const credentials = spec.roleARN
    ? roleProvider(
        new (await import('@aws-sdk/client-sts')).STSClient({ region, endpoint, credentials: keys }),
        spec.roleARN,
        'eventide-lambda-trigger',
      )
    : keys;
  return new LambdaClient({ region, endpoint, credentials, maxAttempts: 1 });
}
