// The SQS client an `sqs` event's config asks for: static keys from secrets (with an optional
// session token), an assumed role (roleARN), or the default AWS credential chain, and an
// optional endpoint (moto, LocalStack, VPC endpoints).
// The AWS SDK is loaded when the client is first made, so `eventide validate` does not load it.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SecretStore } from '../../secrets/secret-store.js';
import { resolveSecret } from '../listener-common/secret-selector.js';
import type { SqsPlan } from './sqs-config.js';

/** What the SDK's `credentials` accepts (the SQSClient call checks it). */
interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

function staticCredentials(plan: SqsPlan, secrets: SecretStore): AwsCredentialIdentity | undefined {
  if (!plan.accessKey || !plan.secretKey) return undefined;
  const token = plan.sessionToken && resolveSecret(secrets, plan.sessionToken, 'sessionToken');
  return {
    accessKeyId: resolveSecret(secrets, plan.accessKey, 'accessKey'),
    secretAccessKey: resolveSecret(secrets, plan.secretKey, 'secretKey'),
    ...(token ? { sessionToken: token } : {}),
  };
}

/** Temporary credentials of the role, asked of STS with the default chain, renewed as they expire. */
async function assumedRole(roleARN: string, region: string, endpoint?: string): Promise<AwsCredentialIdentityProvider> {
  const { AssumeRoleCommand, STSClient } = await import('@aws-sdk/client-sts');
  const sts = new STSClient({ region, ...(endpoint ? { endpoint } : {}) });
  return async () => {
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleARN, RoleSessionName: `eventide-sqs-${Date.now()}` }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS returned no credentials for ${roleARN}`);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
  };
}

/** As Argo: roleARN wins, then static keys, then the default chain (env, profile, IMDS, IRSA…). */
export async function sqsClient(plan: SqsPlan, secrets: SecretStore): Promise<SQSClient> {
  const credentials = plan.roleARN
    ? await assumedRole(plan.roleARN, plan.region, plan.endpoint)
    : staticCredentials(plan, secrets);
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  return new SQSClient({
    region: plan.region,
    ...(plan.endpoint ? { endpoint: plan.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
}
