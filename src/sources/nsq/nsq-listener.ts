// The `nsq` EventSource's listen loop: an nsqjs Reader found through nsqlookupd, a bounded
// in-flight window, each batch delivered to the Sensors and only then FINished
// (listener-common/push-consumer). A crash before the FIN makes nsqd requeue the message after
// its timeout; the NSQ message id survives the requeue, so the event id derived from it lets the
// Sensors dedupe. nsqjs reconnects to lookupd and nsqd itself, so the session is never lost.
import type { Message } from 'nsqjs';
import type { ListenerContext } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import { argoBody } from '../listener-common/message-body.js';
import { runPushConsumer, type PushCheckpoint, type PushInbox, type PushSession } from '../listener-common/push-consumer.js';
import type { NsqPlan } from './nsq-config.js';

export type NsqCheckpoint = PushCheckpoint;

interface Received {
  msg: Message;
  from: string;
}

const MAX_IN_FLIGHT = 200;
/** nsqd requeues an un-FINished message after its msg-timeout (60 s by default) */
const TOUCH_EVERY_MS = 20_000;

function draftOf(plan: NsqPlan, { msg, from }: Received): EventDraft {
  const data: Record<string, unknown> = {
    body: argoBody(msg.body, plan.jsonBody),
    timestamp: Number(msg.timestamp.toString()),
    nsqdAddress: from,
  };
  if (plan.metadata) data.metadata = plan.metadata;
  return { id: `nsq:${plan.topic}/${plan.channel}/${msg.id}`, data };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function open(ctx: ListenerContext<NsqPlan, NsqCheckpoint>, inbox: PushInbox<Received>): Promise<PushSession<Received>> {
  const plan = ctx.config;
  const { default: nsq } = await import('nsqjs');
  const lookupd = plan.hostAddress.replace(/^https?:\/\//, '');
  const reader = new nsq.Reader(plan.topic, plan.channel, {
    lookupdHTTPAddresses: [lookupd],
    maxInFlight: MAX_IN_FLIGHT,
    lookupdPollInterval: 5,
    ...(plan.tls ? { tls: true, tlsVerification: !plan.tls.insecureSkipVerify } : {}),
  });
  let from = lookupd;
  reader.on('nsqd_connected', (host: string, port: number) => {
    from = `${host}:${port}`;
    ctx.log.info('nsq source: connected to nsqd', { event: ctx.eventName, nsqd: from });
  });
  reader.on('nsqd_closed', (host: string, port: number) =>
    ctx.log.warn('nsq source: nsqd connection closed, not consuming from it; nsqjs reconnects', { event: ctx.eventName, nsqd: `${host}:${port}` }),
  );
  // nsqjs retries lookupd and nsqd itself; say why nothing is consumed meanwhile.
  reader.on('error', (e: unknown) => ctx.log.warn('nsq source: reader error', { event: ctx.eventName, error: message(e) }));
  reader.on('message', (msg: Message) => inbox.push({ msg, from }));
  reader.connect();
  return {
    draft: (r) => draftOf(plan, r),
    ack: (batch) => batch.forEach((r) => r.msg.finish()),
    // Keep nsqd from timing the batch out while the Sensors accept it.
    whileDelivering: (batch) => {
      const touch = setInterval(() => batch.forEach((r) => r.msg.touch()), TOUCH_EVERY_MS);
      return () => clearInterval(touch);
    },
    close: async () => reader.close(),
  };
}

export function listenNsq(ctx: ListenerContext<NsqPlan, NsqCheckpoint>): Promise<void> {
  return runPushConsumer<NsqPlan, Received>(ctx, {
    what: 'nsq source',
    backoff: ctx.config.backoff,
    describe: { topic: ctx.config.topic, channel: ctx.config.channel },
    open: (inbox) => open(ctx, inbox),
  });
}
