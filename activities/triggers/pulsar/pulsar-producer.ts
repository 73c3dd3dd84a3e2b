// A producer on Pulsar's WebSocket API: one socket to /ws/v2/producer/<topic>, each send carries
// a `context` the broker echoes in its reply ({result: "ok", messageId} or an error), so several
// fires can be in flight on it. A socket that closes fails the sends in flight (the fires are
// retried) and the next send opens a new one.
import type WebSocket from 'ws';
import type { PulsarSocketOptions } from '../../../src/sources/pulsar/pulsar-connection.js';

interface Reply {
  result?: string;
  messageId?: string;
  context?: string;
  errorMsg?: string;
}

export interface ProducerMessage {
  payload: Buffer;
  properties: Record<string, string>;
  context: string;
}

const SEND_TIMEOUT_MS = 30_000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class PulsarProducer {
  private socket: Promise<WebSocket> | undefined;
  private readonly inFlight = new Map<string, { resolve(id: string): void; reject(e: Error): void }>();

  constructor(
    private readonly url: string,
    private readonly options: PulsarSocketOptions,
  ) {}

  /** Opens the socket now (the first fire's connection error is then its own). */
  async connect(): Promise<void> {
    await this.open();
  }

  private open(): Promise<WebSocket> {
    this.socket ??= this.dial().catch((e: unknown) => {
      this.socket = undefined;
      throw e;
    });
    return this.socket;
  }

  private async dial(): Promise<WebSocket> {
    const { default: WebSocketClient } = await import('ws');
    const ws = new WebSocketClient(this.url, this.options);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`the WebSocket API answered HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim())),
      );
    });
    ws.on('message', (raw) => this.onReply(String(raw)));
    ws.on('error', () => undefined); // 'close' follows and fails what is in flight
    ws.on('close', (code) => {
      this.socket = undefined;
      this.failAll(new Error(`the producer's WebSocket closed (${code}) before the broker answered`));
    });
    return ws;
  }

  private onReply(text: string): void {
    let r: Reply;
    try {
      r = JSON.parse(text) as Reply;
    } catch {
      return;
    }
    const waiting = r.context === undefined ? undefined : this.inFlight.get(r.context);
    if (!waiting || r.context === undefined) return;
    this.inFlight.delete(r.context);
    if (r.result === 'ok' && typeof r.messageId === 'string') waiting.resolve(r.messageId);
    else waiting.reject(new Error(`the broker refused the message: ${r.result ?? 'no result'}${r.errorMsg ? `: ${r.errorMsg}` : ''}`));
  }

  private failAll(e: Error): void {
    const all = [...this.inFlight.values()];
    this.inFlight.clear();
    all.forEach((w) => w.reject(e));
  }

  /** Resolves with the message id once the broker stored the message. */
  async send(m: ProducerMessage): Promise<string> {
    const ws = await this.open();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inFlight.delete(m.context);
        reject(new Error(`no answer from the broker within ${SEND_TIMEOUT_MS / 1000} s`));
      }, SEND_TIMEOUT_MS);
      this.inFlight.set(m.context, {
        resolve: (id) => (clearTimeout(timer), resolve(id)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      const frame = JSON.stringify({ payload: m.payload.toString('base64'), properties: m.properties, context: m.context });
      ws.send(frame, (err) => {
        if (!err) return;
        this.inFlight.delete(m.context);
        clearTimeout(timer);
        reject(new Error(`sending failed: ${message(err)}`));
      });
    });
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    this.failAll(new Error('the producer was closed'));
    if (s) (await s.catch(() => undefined))?.close();
  }
}
