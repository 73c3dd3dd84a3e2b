// The `nsq` EventSource's listen loop: an nsqjs Reader found through nsqlookupd, a bounded
// in-flight window, each batch delivered to the Sensors and only then FINished. A crash before the
// FIN makes nsqd requeue the message after its timeout; the NSQ message id survives the requeue,
// so the event id derived from it lets the Sensors dedupe.
import nsq, { type Message } from 'nsqjs';
import type { ListenerContext } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import { argoBody } from '../mqtt/message-body.js';
import type { NsqPlan } from './nsq-config.js';

export interface NsqCheckpoint {
  delivered: number;
}

const MAX_IN_FLIGHT = 200;
const HEARTBEAT_EVERY_MS = 1000;

function draftOf(plan: NsqPlan, msg: Message, nsqdAddress: string): EventDraft {
  const data: Record<string, unknown> = {
    body: argoBody(msg.body, plan.jsonBody),
    timestamp: Number(msg.timestamp.toString()),
    nsqdAddress,
  };
  if (plan.metadata) data.metadata = plan.metadata;
  return { id: `nsq:${plan.topic}/${plan.channel}/${msg.id}`, data };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function listenNsq(ctx: ListenerContext<NsqPlan, NsqCheckpoint>): Promise<void> {
  const plan = ctx.config;
  const state: NsqCheckpoint = { delivered: ctx.checkpoint?.delivered ?? 0 };
  const lookupd = plan.hostAddress.replace(/^https?:\/\//, '');
  const reader = new nsq.Reader(plan.topic, plan.channel, {
    lookupdHTTPAddresses: [lookupd],
    maxInFlight: MAX_IN_FLIGHT,
    lookupdPollInterval: 5,
    ...(plan.tls ? { tls: true, tlsVerification: !plan.tls.insecureSkipVerify } : {}),
  });
  const pending: { msg: Message; from: string }[] = [];
  let wake: (() => void) | undefined;
  let from = lookupd;
  reader.on('nsqd_connected', (host: string, port: number) => {
    from = `${host}:${port}`;
    ctx.log.info('nsq source consuming', { event: ctx.eventName, nsqd: from });
  });
  reader.on('nsqd_closed', (host: string, port: number) =>
    ctx.log.warn('nsq source: nsqd connection closed, not consuming from it; nsqjs reconnects', { event: ctx.eventName, nsqd: `${host}:${port}` }),
  );
  // nsqjs retries lookupd and nsqd itself; say why nothing is consumed meanwhile.
  reader.on('error', (e: unknown) => ctx.log.warn('nsq source: reader error', { event: ctx.eventName, error: message(e) }));
  reader.on('message', (msg: Message) => {
    pending.push({ msg, from });
    wake?.();
  });
  const onAbort = () => wake?.();
  ctx.signal.addEventListener('abort', onAbort);
  const beat = setInterval(() => ctx.heartbeat(state), HEARTBEAT_EVERY_MS);
  reader.connect();
  try {
    ctx.heartbeat(state);
    for (;;) {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('cancelled');
      if (pending.length === 0) {
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
        continue;
      }
      const batch = pending.splice(0);
      // Keep nsqd from timing the batch out while the Sensors accept it.
      const touch = setInterval(() => batch.forEach((b) => b.msg.touch()), 20_000);
      try {
        await ctx.deliver(batch.map((b) => draftOf(plan, b.msg, b.from)));
      } finally {
        clearInterval(touch);
      }
      for (const b of batch) b.msg.finish();
      state.delivered += batch.length;
      ctx.heartbeat(state);
    }
  } finally {
    clearInterval(beat);
    ctx.signal.removeEventListener('abort', onAbort);
    reader.close();
  }
}
