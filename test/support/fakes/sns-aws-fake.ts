// A loopback stand-in for the AWS side of SNS HTTP delivery: a signing key with a self-signed
// certificate (made by the openssl binary; node:crypto cannot issue certificates) served at a
// SigningCertURL, a SubscribeURL that records confirmations, and messages signed the way AWS
// documents it (canonical "Key\nvalue\n" string, SHA1withRSA for v1, SHA256withRSA for v2).
import { makeSelfSignedCert } from '../self-signed-cert.js';
import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigningIdentity {
  key: KeyObject;
  certPem: string;
}

/** An RSA key and a self-signed certificate for it, valid from now for a day. */
export function makeSigningIdentity(): SigningIdentity {
  const { key, cert } = makeSelfSignedCert({ rsa: true, commonName: 'sns.fake.test', altNames: [] });
  return { key: createPrivateKey(key), certPem: cert };
}

// The keys AWS signs per message type, in the documented order.
const SIGNED: Record<string, string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

export function signSnsMessage(msg: Record<string, string>, key: KeyObject, version: '1' | '2'): string {
  const text = (SIGNED[msg.Type!] ?? [])
    .filter((k) => msg[k] !== undefined)
    .map((k) => `${k}\n${msg[k]}\n`)
    .join('');
  return sign(version === '1' ? 'sha1' : 'sha256', Buffer.from(text, 'utf8'), key).toString('base64');
}

export interface SnsFake {
  /** origin of the fake, e.g. http://127.0.0.1:41234 */
  url: string;
  certUrl: string;
  identity: SigningIdentity;
  /** every request the fake received: method + path with query */
  requests: string[];
  /** status the SubscribeURL answers (default 200); 302 answers a redirect to /elsewhere */
  confirmStatus: number;
  /** status the certificate URL answers (default 200) */
  certStatus: number;
  notification(
    topicArn: string,
    o?: { message?: string; subject?: string; version?: '1' | '2'; key?: KeyObject },
  ): Record<string, string>;
  subscriptionConfirmation(
    topicArn: string,
    o?: { subscribeUrl?: string; version?: '1' | '2' },
  ): Record<string, string>;
  close(): Promise<void>;
}

export async function startSnsFake(identity: SigningIdentity = makeSigningIdentity()): Promise<SnsFake> {
  const requests: string[] = [];
  const fake = { confirmStatus: 200, certStatus: 200 } as SnsFake;
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (path === '/SimpleNotificationService-fake.pem') {
      if (fake.certStatus !== 200) return res.writeHead(fake.certStatus).end('no');
      return res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(identity.certPem);
    }
    if (path === '/confirm') {
      if (fake.confirmStatus === 302) return res.writeHead(302, { location: '/elsewhere' }).end();
      return res
        .writeHead(fake.confirmStatus, { 'content-type': 'text/xml' })
        .end(
          '<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>arn:sub</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>',
        );
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const certUrl = `${url}/SimpleNotificationService-fake.pem`;
  const base = (type: string, topicArn: string) => ({
    Type: type,
    MessageId: randomUUID(),
    TopicArn: topicArn,
    Timestamp: new Date().toISOString(),
    SignatureVersion: '1',
    SigningCertURL: certUrl,
  });
  return Object.assign(fake, {
    url,
    certUrl,
    identity,
    requests,
    notification(
      topicArn: string,
      o: { message?: string; subject?: string; version?: '1' | '2'; key?: KeyObject } = {},
    ) {
      const msg: Record<string, string> = {
        ...base('Notification', topicArn),
        Message: o.message ?? '{"order":"A-1"}',
        ...(o.subject ? { Subject: o.subject } : {}),
        SignatureVersion: o.version ?? '1',
        UnsubscribeURL: `${url}/unsubscribe?SubscriptionArn=arn:sub`,
      };
      msg.Signature = signSnsMessage(msg, o.key ?? identity.key, o.version ?? '1');
      return msg;
    },
    subscriptionConfirmation(topicArn: string, o: { subscribeUrl?: string; version?: '1' | '2' } = {}) {
      const token = `tok-${randomUUID()}`;
      const msg: Record<string, string> = {
        ...base('SubscriptionConfirmation', topicArn),
        Token: token,
        Message: `You have chosen to subscribe to the topic ${topicArn}.`,
        SubscribeURL:
          o.subscribeUrl ??
          `${url}/confirm?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`,
        SignatureVersion: o.version ?? '1',
      };
      msg.Signature = signSnsMessage(msg, identity.key, o.version ?? '1');
      return msg;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}
