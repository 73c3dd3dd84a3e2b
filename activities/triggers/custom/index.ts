// The `custom` trigger type (Argo's): a fire is three calls to a user's gRPC trigger server, on a
// channel shared by every fire to the same server with the same TLS settings, closed on worker
// shutdown.
import { defineTriggerType } from '../trigger-type.js';
import { validateCustom } from './rules.js';
import { channelKey, customTrigger, openChannel } from './execute.js';
import type { TriggerServerClient } from './trigger-server-client.js';

export const customTriggerType = defineTriggerType<TriggerServerClient>({
  type: 'custom',
  validate: validateCustom,
  connection: {
    key: channelKey,
    open: openChannel,
    close: async (client) => client.close(),
  },
  execute: customTrigger,
});
