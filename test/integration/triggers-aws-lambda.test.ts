// Webhook → Sensor → `awsLambda` trigger on moto (lambda_simple backend: the function's code does
// not run, Invoke answers with a queued canned result). A loopback front before moto records each
// Lambda call as it left Eventide (function, invocation type, client context, payload) and can
// answer one with a 503 as an overloaded endpoint would; the STS AssumeRole of `roleARN` goes
// through the same front.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { freePort } from '../../src/temporal/dev-server.js';
import { createSecretStore, secretEnvName } from '../../src/secrets/secret-store.js';
import { LAMBDA_ENDPOINT_ENV } from '../../activities/triggers/awsLambda/lambda-client.js';
import { sensor, sensorDecisions, startTestEventide, validManifests, webhookEventSource } from '../support/eventide.js';
import { motoMissing, startMoto, type Moto } from '../support/servers/moto.js';
import { waitFor } from '../support/wait-for.js';

interface Call {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const missing = motoMissing();
const ROLE = 'arn:aws:iam::123456789012:role/eventide-lambda';

/** IAM's query API on moto, signed with a dummy scope so moto routes it to IAM. */
async function createRole(moto: Moto, name: string): Promise<string> {
  const form = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: name,
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  const res = await fetch(moto.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: form,
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1];
  assert.ok(arn, text);
  return arn;
}

describe('awsLambda trigger end to end (moto)', { skip: missing }, () => {
  let e: RunningEventide;
  let moto: Moto;
  let front: Server;
  let port: number;
  const calls: Call[] = [];
  let failNext = 0;
  const saved = process.env[LAMBDA_ENDPOINT_ENV];

  const queueResults = async (...results: string[]) => {
    const res = await fetch(`${moto.endpoint}/moto-api/static/lambda-simple/response`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ results, region: moto.region }),
    });
    assert.ok(res.ok, await res.text());
  };

  before(async () => {
    moto = await startMoto();
    const cfg = await fetch(`${moto.endpoint}/moto-api/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lambda: { use_docker: false } }),
    });
    assert.ok(cfg.ok);
    const role = await createRole(moto, 'eventide-lambda');
    const lambda = new LambdaClient({ endpoint: moto.endpoint, region: moto.region, credentials: moto.credentials });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'hello',
        Runtime: 'nodejs20.x',
        Role: role,
        Handler: 'index.handler',
        Code: { ZipFile: new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]) },
      }),
    );
    lambda.destroy();

    const frontPort = await freePort();
    front = createServer(async (req, res) => {
      let body = '';
      for await (const c of req) body += c;
      if (req.url?.includes('/invocations')) calls.push({ path: req.url, headers: req.headers, body });
      if (failNext > 0 && req.url?.includes('/invocations')) {
        failNext--;
        res.writeHead(503, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceException' });
        res.end('{"message":"overloaded"}');
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers.set(k, v);
      const up = await fetch(`${moto.endpoint}${req.url}`, { method: req.method, headers, body: body || undefined });
      const out: Record<string, string> = {};
      up.headers.forEach((v, k) => {
        if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k)) out[k] = v;
      });
      res.writeHead(up.status, out).end(Buffer.from(await up.arrayBuffer()));
    });
    await new Promise<void>((r) => front.listen(frontPort, '127.0.0.1', r));
    process.env[LAMBDA_ENDPOINT_ENV] = `http://127.0.0.1:${frontPort}`;

    port = await freePort();
    e = await startTestEventide({
      secrets: createSecretStore({
        env: {
          [secretEnvName({ name: 'aws', key: 'accesskey' })]: 'testing',
          [secretEnvName({ name: 'aws', key: 'secretkey' })]: 'testing',
        },
        dir: '/nonexistent',
      }),
      manifests: validManifests(
        webhookEventSource('webhook', { example: { port: String(port), endpoint: '/example', method: 'POST' } }),
        sensor('lambda', {
          dependencies: [{ name: 'dep', eventSourceName: 'webhook', eventName: 'example' }],
          triggers: [
            {
              template: {
                name: 'lambda-trigger',
                awsLambda: {
                  functionName: 'placeholder',
                  region: 'us-east-1',
                  accessKey: { name: 'aws', key: 'accesskey' },
                  secretKey: { name: 'aws', key: 'secretkey' },
                  roleARN: ROLE,
                  payload: [
                    { src: { dependencyName: 'dep', dataKey: 'body.name' }, dest: 'name' },
                    { src: { dependencyName: 'dep', contextKey: 'type' }, dest: 'source' },
                  ],
                  parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.function' }, dest: 'functionName' }],
                },
              },
              retryStrategy: { steps: 3, duration: '200ms' },
            },
          ],
        }),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    front?.close();
    await moto?.stop();
    if (saved === undefined) delete process.env[LAMBDA_ENDPOINT_ENV];
    else process.env[LAMBDA_ENDPOINT_ENV] = saved;
  });

  const send = (body: unknown) =>
    fetch(`http://127.0.0.1:${port}/example`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const resultN = (n: number) =>
    waitFor(
      async () => {
        const r = (await sensorDecisions(e, 'lambda')).filter((d) => d.kind === 'result');
        return r.length >= n ? r[n - 1] : undefined;
      },
      { what: `trigger result ${n}` },
    );
  const clientContext = (c: Call) =>
    JSON.parse(Buffer.from(String(c.headers['x-amz-client-context']), 'base64').toString('utf8'));

  test('an event invokes the function named by a parameter, with the payload and the key in the client context', async () => {
    await queueResults('{"ok":true}');
    assert.equal((await send({ name: 'Ada', function: 'hello' })).status, 200);
    const r = await resultN(1);
    assert.ok(r.kind === 'result' && r.outcome === 'succeeded', JSON.stringify(r));
    assert.equal(calls.length, 1);
    const call = calls[0]!;
    assert.equal(call.path, '/2015-03-31/functions/hello/invocations');
    assert.equal(call.headers['x-amz-invocation-type'], 'RequestResponse');
    assert.deepEqual(JSON.parse(call.body), { name: 'Ada', source: 'webhook' });
    assert.match(clientContext(call).custom.idempotencyKey, /^[0-9a-f]{32}$/);
    // The call was signed with the role's session credentials from STS, not the static keys.
    assert.match(String(call.headers['x-amz-security-token'] ?? ''), /.+/);
  });

  test('a Lambda endpoint that answers 503 first is invoked again and the fire succeeds once', async () => {
    failNext = 1;
    await queueResults('{"ok":"retried"}');
    assert.equal((await send({ name: 'Grace', function: 'hello' })).status, 200);
    const r = await resultN(2);
    assert.ok(r.kind === 'result' && r.outcome === 'succeeded', JSON.stringify(r));
    assert.equal(r.attempts, 2);
    const grace = calls.filter((c) => JSON.parse(c.body).name === 'Grace');
    assert.equal(grace.length, 2, 'the refused attempt and the retry');
    assert.equal(clientContext(grace[0]!).custom.idempotencyKey, clientContext(grace[1]!).custom.idempotencyKey);
  });
});
