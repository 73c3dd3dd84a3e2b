// Outbound GETs for SNS (signing certificates, subscription confirmation): no redirects (a
// redirect could leave the trusted host), a deadline, and a cap on what is read.

export class SnsFetchError extends Error {
  override name = 'SnsFetchError';
}

export async function boundedGet(
  url: string,
  doFetch: typeof fetch,
  opts: { timeoutMs: number; maxBytes: number },
): Promise<Buffer> {
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'GET',
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (e) {
    throw new SnsFetchError(`GET ${new URL(url).origin} failed: ${(e as Error).message}`);
  }
  if (res.status < 200 || res.status > 299) {
    await res.body?.cancel().catch(() => undefined);
    throw new SnsFetchError(`GET ${new URL(url).origin} answered ${res.status}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > opts.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new SnsFetchError(`GET ${new URL(url).origin} returned more than ${opts.maxBytes} bytes`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
