// A fake Slack Web API on 127.0.0.1: chat.postMessage, conversations.list and
// conversations.join, recording every call. A test can script the next answers of a method
// (an error code, or a 429), and declare which channels the bot has not joined.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  authorization?: string;
  body: Record<string, unknown>;
}

export interface FakeSlackApi {
  /** the base URL to put in EVENTIDE_SLACK_API_URL */
  url: string;
  calls: SlackCall[];
  channels: { id: string; name: string }[];
  /** channel ids the bot is not a member of (posting there answers not_in_channel) */
  notJoined: Set<string>;
  /** the next answers of `method`: a Slack error code, or 429 for HTTP rate limiting */
  answerNext(method: string, ...answers: (string | 429)[]): void;
  close(): Promise<void>;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const scripted = new Map<string, (string | 429)[]>();
  const channels = [
    { id: 'C0GENERAL1', name: 'general' },
    { id: 'C0RANDOM01', name: 'random' },
  ];
  const notJoined = new Set<string>();
  let tsCounter = 1700000000;
  const idOf = (c: string) => channels.find((x) => x.id === c || x.name === c)?.id;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/+/, '');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        // left empty
      }
      calls.push({ method, authorization: req.headers.authorization, body });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
        res
          .writeHead(status, { 'content-type': 'application/json', ...headers })
          .end(JSON.stringify(payload));
      const next = scripted.get(method)?.shift();
      if (next === 429) return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      if (next) return send(200, { ok: false, error: next });
      if (method === 'chat.postMessage') {
        const id = idOf(String(body.channel ?? ''));
        if (!id) return send(200, { ok: false, error: 'channel_not_found' });
        if (notJoined.has(id)) return send(200, { ok: false, error: 'not_in_channel' });
        return send(200, { ok: true, channel: id, ts: `${tsCounter++}.000100` });
      }
      if (method === 'conversations.list')
        return send(200, { ok: true, channels, response_metadata: { next_cursor: '' } });
      if (method === 'conversations.join') {
        const id = String(body.channel ?? '');
        if (!idOf(id)) return send(200, { ok: false, error: 'channel_not_found' });
        notJoined.delete(id);
        return send(200, { ok: true, channel: { id } });
      }
      return send(200, { ok: false, error: 'unknown_method' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    channels,
    notJoined,
    answerNext(method, ...answers) {
      scripted.set(method, [...(scripted.get(method) ?? []), ...answers]);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
