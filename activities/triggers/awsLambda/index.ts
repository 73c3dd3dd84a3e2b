// The `awsLambda` trigger type (Argo's): invokes an AWS Lambda function. One client per
// function target and credential source, reused across fires.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { defineTriggerType } from '../trigger-type.js';
import { triggerConfigError } from '../../trigger-errors.js';
import { validateAwsLambda } from './rules.js';
import { awsLambdaTrigger } from './execute.js';
import { LAMBDA_ENDPOINT_ENV, lambdaClient, type LambdaSpec } from './lambda-client.js';

const specOf = (t: Record<string, unknown>) => (t.awsLambda ?? {}) as LambdaSpec;
const ref = (s: LambdaSpec['accessKey']) => (s ? `${s.name}/${s.key}` : '');

export const awsLambdaTriggerType = defineTriggerType<LambdaClient>({
  type: 'awsLambda',
  validate: validateAwsLambda,
  connection: {
    // Secret references, never their values.
    key: ({ fire }) => {
      const s = specOf(fire.template);
      return [s.region, s.roleARN, ref(s.accessKey), ref(s.secretKey), process.env[LAMBDA_ENDPOINT_ENV]].join('\u0000');
    },
    open: async ({ fire, attempt, services }) => {
      try {
        return await lambdaClient(specOf(fire.template), services.secrets);
      } catch (e) {
        throw triggerConfigError(`awsLambda trigger: ${(e as Error).message}`, attempt);
      }
    },
    close: async (client) => client.destroy(),
  },
  execute: (req, client) => awsLambdaTrigger(req, client!),
});
