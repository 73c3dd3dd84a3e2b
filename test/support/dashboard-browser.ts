// A real headless Chromium (Debian's `chromium`, installed by .ci/install/00-apt.sh) driven by
// puppeteer-core, for the dashboard's browser tests. Browser downloads do not work here, so the
// binary must be on the machine; without it the tests skip, and fail under EVENTIDE_REQUIRE_SERVERS=1.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium binary: $CHROMIUM_PATH, Debian's real binary, or `chromium` on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  // The /usr/bin/chromium wrapper script works too, but the binary starts without its shell noise.
  if (executable('/usr/lib/chromium/chromium')) return '/usr/lib/chromium/chromium';
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser'])
      if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Why the browser tests cannot run here, or undefined; throws instead in CI. */
export function missingChromium(): string | undefined {
  if (findChromium()) return undefined;
  const why =
    'chromium is not installed (no $CHROMIUM_PATH, /usr/lib/chromium/chromium or chromium on PATH): run .ci/install/00-apt.sh';
  if (process.env.EVENTIDE_REQUIRE_SERVERS === '1') throw new Error(why);
  return why;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(missingChromium() ?? 'chromium not found');
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
}
