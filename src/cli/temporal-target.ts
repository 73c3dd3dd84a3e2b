// The Temporal server a CLI command talks to: TEMPORAL_ADDRESS, else the address `eventide dev`
// uses by default.
import { connectClient, type Connected } from '../temporal/connect.js';
import { temporalSettingsFromEnv } from '../temporal/config.js';
import { CliError } from './cli-error.js';

export const DEV_ADDRESS = '127.0.0.1:7233';

export async function connectFromEnv(
  opts: { maxReceiveMessageBytes?: number } = {},
): Promise<Connected & { taskQueue: string; address: string }> {
  const s = temporalSettingsFromEnv();
  const address = s.address ?? DEV_ADDRESS;
  try {
    // A person is waiting: say quickly that nothing answers.
    const c = await connectClient(address, s.namespace, { connectTimeoutMs: 3000, ...opts });
    await c.connection.workflowService.getSystemInfo({});
    return { ...c, taskQueue: s.taskQueue, address };
  } catch (e) {
    throw new CliError(
      `cannot reach Temporal at ${address} (${(e as Error).message}); start it with \`npm start\` or set TEMPORAL_ADDRESS`,
      2,
    );
  }
}
