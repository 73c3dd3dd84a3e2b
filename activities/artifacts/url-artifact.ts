// `source.url`: a document fetched over HTTP(S) on every fire. Certificates are verified unless
// `verifyCert: false` is set explicitly (Argo skips verification unless verifyCert is true).
// Like Argo, at most 512 KiB of the body is read.
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { ArtifactError } from './artifact-error.js';

export interface URLArtifact {
  path?: string;
  verifyCert?: boolean;
}

const MAX_BYTES = 512 * 1024;
const TIMEOUT_MS = 30_000;

export async function readUrlArtifact(a: URLArtifact): Promise<string> {
  if (!a.path) throw new ArtifactError('source.url.path is required', false);
  let url: URL;
  try {
    url = new URL(a.path);
  } catch {
    throw new ArtifactError(`source.url.path ${JSON.stringify(a.path)} is not a valid URL`, false);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ArtifactError(`source.url.path must be http(s), got ${url.protocol}`, false);
  }
  const where = `${url.origin}${url.pathname}`;
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req =
      url.protocol === 'https:'
        ? httpsGet(url, { rejectUnauthorized: a.verifyCert !== false, timeout: TIMEOUT_MS }, resolve)
        : httpGet(url, { timeout: TIMEOUT_MS }, resolve);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000}s`)));
    req.on('error', reject);
  }).catch((e: unknown) => {
    const err = e as NodeJS.ErrnoException;
    throw new ArtifactError(`GET ${where} failed: ${err.code ?? err.message}`, true);
  });
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 299) {
    res.resume();
    // 4xx will not change by retrying (except 408/429); 5xx might.
    const retryable = status >= 500 || status === 408 || status === 429;
    throw new ArtifactError(`GET ${where} answered ${status}`, retryable);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    const room = MAX_BYTES - size;
    if (room <= 0) break;
    chunks.push(chunk.subarray(0, room));
    size += Math.min(chunk.length, room);
  }
  res.destroy();
  return Buffer.concat(chunks).toString('utf8');
}
