// A local HTTP server that records what triggers send it, and can answer with failures first:
// the "other side" of http triggers in integration tests.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface CaptureServer {
  url: string;
  requests: Captured[];
  /** answer the next N requests with this status before answering 200 */
  failNext(count: number, status?: number): void;
  /** hold the next N responses this long (a slow downstream, to catch a trigger mid-flight) */
  delayNext(count: number, ms: number): void;
  close(): Promise<void>;
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: Captured[] = [];
  let failures = 0;
  let failStatus = 500;
  let delays = 0;
  let delayMs = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(entry);
      if (delays > 0) {
        delays--;
        setTimeout(() => {
          if (!res.destroyed)
            res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"slow":true}');
        }, delayMs);
        return;
      }
      if (failures > 0) {
        failures--;
        res.writeHead(failStatus, { 'content-type': 'text/plain' }).end('failing on purpose');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, status = 500) {
      failures = count;
      failStatus = status;
    },
    delayNext(count, ms) {
      delays = count;
      delayMs = ms;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
