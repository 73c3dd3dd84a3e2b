// Webhook → Sensor → `email` and `openWhisk` triggers, checked at real receivers: aiosmtpd
// (a real SMTP server; the mail's headers and body) and a loopback HTTP server standing in for
// OpenWhisk's REST API (path, blocking flags, auth, body). Each receiver fails the first attempt
// of one event, and the retry then delivers exactly once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, connect, type Server as TcpServer } from 'node:net';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { freePort } from '../../src/temporal/dev-server.js';
import { createSecretStore, secretEnvName } from '../../src/secrets/secret-store.js';
import { sensor, sensorDecisions, startTestEventide, validManifests, webhookEventSource } from '../support/eventide.js';
import { smtpMissing, startSmtpCapture, type SmtpCapture } from '../support/servers/smtp.js';
import { waitFor } from '../support/wait-for.js';

const WHISK_TOKEN = 'user-uuid:whisk-key';

interface WhiskCall {
  url: string;
  auth?: string;
  key?: string;
  body: string;
}

/** A TCP front for the SMTP server that turns away the connections it is told to (421, as a busy server does). */
async function flakySmtpFront(target: number): Promise<{ port: number; refuseNext(): void; server: TcpServer }> {
  let refuse = 0;
  const server = createTcpServer((sock) => {
    if (refuse > 0) {
      refuse--;
      sock.end('421 4.3.2 busy, try again later\r\n');
      return;
    }
    const up = connect(target, '127.0.0.1');
    sock.pipe(up).pipe(sock);
    up.on('error', () => sock.destroy());
    sock.on('error', () => up.destroy());
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { port, refuseNext: () => refuse++, server };
}

const readBody = async (req: IncomingMessage) => {
  let s = '';
  for await (const c of req) s += c;
  return s;
};

const missing = smtpMissing();

describe('email and openWhisk triggers end to end', () => {
  let e: RunningEventide;
  let smtp: SmtpCapture | undefined;
  let front: Awaited<ReturnType<typeof flakySmtpFront>>;
  let whisk: Server;
  const whiskCalls: WhiskCall[] = [];
  let whiskFailNext = 0;
  let port: number;

  before(async () => {
    if (!missing) smtp = await startSmtpCapture();
    front = await flakySmtpFront(smtp?.port ?? 1);
    const whiskPort = await freePort();
    whisk = createHttpServer(async (req, res) => {
      const body = await readBody(req);
      whiskCalls.push({
        url: req.url ?? '',
        auth: req.headers.authorization,
        key: req.headers['idempotency-key'] as string | undefined,
        body,
      });
      if (whiskFailNext > 0) {
        whiskFailNext--;
        res.writeHead(503).end('{"error":"invoker overloaded"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"greeting":"done"}');
    });
    await new Promise<void>((r) => whisk.listen(whiskPort, '127.0.0.1', r));
    port = await freePort();
    e = await startTestEventide({
      secrets: createSecretStore({
        env: { [secretEnvName({ name: 'whisk', key: 'token' })]: WHISK_TOKEN },
        dir: '/nonexistent',
      }),
      manifests: validManifests(
        webhookEventSource('webhook', {
          mail: { port: String(port), endpoint: '/mail', method: 'POST' },
          whisk: { port: String(port), endpoint: '/whisk', method: 'POST' },
        }),
        sensor('mailer', {
          dependencies: [{ name: 'dep', eventSourceName: 'webhook', eventName: 'mail' }],
          triggers: [
            {
              // Argo's example email-trigger.yaml, pointed at the local server.
              parameters: [
                { src: { dependencyName: 'dep', dataKey: 'body.to' }, dest: 'email.to.-1' },
                {
                  src: { dependencyName: 'dep', dataTemplate: 'Hi {{.Input.body.name}},\n\n\tHello There.\n\nThanks,\nObi' },
                  dest: 'email.body',
                },
              ],
              template: {
                name: 'email-trigger',
                email: {
                  host: '127.0.0.1',
                  port: front.port,
                  from: 'example@email.com',
                  subject: 'Hello There',
                },
              },
              retryStrategy: { steps: 3, duration: '200ms' },
            },
          ],
        }),
        sensor('whisker', {
          dependencies: [{ name: 'dep', eventSourceName: 'webhook', eventName: 'whisk' }],
          triggers: [
            {
              template: {
                name: 'openwhisk-trigger',
                openWhisk: {
                  host: `http://127.0.0.1:${whiskPort}`,
                  namespace: 'guest',
                  actionName: 'hello',
                  authToken: { name: 'whisk', key: 'token' },
                  payload: [
                    { src: { dependencyName: 'dep', dataKey: 'body.bucket' }, dest: 'bucket' },
                    { src: { dependencyName: 'dep', contextKey: 'type' }, dest: 'type' },
                  ],
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
    await smtp?.stop();
    front?.server.close();
    whisk?.close();
  });

  const send = (path: string, body: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const resultN = (name: string, n: number) =>
    waitFor(
      async () => {
        const r = (await sensorDecisions(e, name)).filter((d) => d.kind === 'result');
        return r.length >= n ? r[n - 1] : undefined;
      },
      { what: `result ${n} of ${name}` },
    );
  const header = (mail: string, name: string) =>
    new RegExp(`^${name}: (.*)$`, 'mi').exec(mail.split(/\r?\n\r?\n/)[0] ?? '')?.[1]?.trim();
  const bodyOf = (mail: string) => mail.split(/\r?\n\r?\n/).slice(1).join('\n\n').replace(/\r\n/g, '\n');

  test('an event mails its `to` address with the templated body, the key as Message-ID', { skip: missing }, async () => {
    assert.equal((await send('/mail', { to: 'obi@example.com', name: 'Luke' })).status, 200);
    const r = await resultN('mailer', 1);
    assert.ok(r.kind === 'result' && r.outcome === 'succeeded', JSON.stringify(r));
    const mails = await waitFor(() => (smtp!.messages().length === 1 ? smtp!.messages() : undefined), { what: 'the mail' });
    const mail = mails[0]!;
    assert.equal(header(mail, 'From'), 'example@email.com');
    assert.equal(header(mail, 'To'), 'obi@example.com');
    assert.equal(header(mail, 'Subject'), 'Hello There');
    assert.match(header(mail, 'Content-Type') ?? '', /^text\/plain/);
    const key = header(mail, 'Idempotency-Key');
    assert.match(key ?? '', /^[0-9a-f]{32}$/);
    assert.equal(header(mail, 'Message-ID'), `<${key}@eventide>`);
    assert.equal(bodyOf(mail).trimEnd(), 'Hi Luke,\n\n\tHello There.\n\nThanks,\nObi');
  });

  test('a server that turns the first attempt away gets the mail once on the retry', { skip: missing }, async () => {
    front.refuseNext();
    assert.equal((await send('/mail', { to: 'leia@example.com', name: 'Leia' })).status, 200);
    const r = await resultN('mailer', 2);
    assert.ok(r.kind === 'result' && r.outcome === 'succeeded', JSON.stringify(r));
    assert.equal(r.attempts, 2);
    const toLeia = smtp!.messages().filter((m) => header(m, 'To') === 'leia@example.com');
    assert.equal(toLeia.length, 1);
    assert.match(bodyOf(toLeia[0]!), /^Hi Leia,/);
  });

  test('an event invokes the action blocking, with the token as Basic auth and the payload as body', async () => {
    assert.equal((await send('/whisk', { bucket: 'photos' })).status, 200);
    const r = await resultN('whisker', 1);
    assert.ok(r.kind === 'result' && r.outcome === 'succeeded', JSON.stringify(r));
    assert.equal(whiskCalls.length, 1);
    const call = whiskCalls[0]!;
    assert.equal(call.url, '/api/v1/namespaces/guest/actions/hello?blocking=true&result=true');
    assert.equal(call.auth, `Basic ${Buffer.from(WHISK_TOKEN).toString('base64')}`);
    assert.match(call.key ?? '', /^[0-9a-f]{32}$/);
    assert.deepEqual(JSON.parse(call.body), { bucket: 'photos', type: 'webhook' });
  });

  test('an action that answers 503 first is invoked again and succeeds once', async () => {
    whiskFailNext = 1;
    assert.equal((await send('/whisk', { bucket: 'retry' })).status, 200);
    const r = await resultN('whisker', 2);
    assert.ok(r.kind === 'result' && r.outcome === 'succeeded', JSON.stringify(r));
    assert.equal(r.attempts, 2);
    const calls = whiskCalls.filter((c) => JSON.parse(c.body).bucket === 'retry');
    assert.equal(calls.length, 2, 'the failed attempt and the retry');
    assert.equal(calls[0]!.key, calls[1]!.key, 'both attempts carry the same idempotency key');
  });
});
