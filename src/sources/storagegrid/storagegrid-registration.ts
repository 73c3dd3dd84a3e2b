// StorageGRID registration through its management API, as Argo does it when the route starts:
// register webhook.url as the endpoint of topicArn (unless an endpoint with that URN exists),
// then set the bucket's notification configuration to send the listed events to that topic.
// Argo never unregisters, so neither does Eventide.
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import { stringList } from '../config-values.js';
import { hostJson, joinUrl } from '../git-hosts/host-api.js';
import {
  forEachTarget,
  hasHookUrl,
  hookUrl,
  type HookCallContext,
  type HookManager,
  type HookOutcome,
} from '../hook-management/hook-manager.js';

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function notificationXml(id: string, topicArn: string, events: string[]): string {
  const eventXml = events.map((e) => `<Event>${xmlEscape(e)}</Event>`).join('');
  return (
    '<NotificationConfiguration><TopicConfiguration>' +
    `<Id>${xmlEscape(id)}</Id><Topic>${xmlEscape(topicArn)}</Topic>${eventXml}` +
    '</TopicConfiguration></NotificationConfiguration>'
  );
}

function managesStorageGrid(cfg: Record<string, unknown>): boolean {
  return Boolean(cfg.authToken) && hasHookUrl(cfg);
}

async function ensureNotification(
  cfg: Record<string, unknown>,
  { eventName, secrets, fetch: fetchFn }: HookCallContext,
): Promise<HookOutcome[]> {
  if (!managesStorageGrid(cfg)) return [];
  const api = String(cfg.apiURL ?? '');
  const topicArn = String(cfg.topicArn ?? '');
  const bucket = String(cfg.bucket ?? '');
  return forEachTarget(
    [bucket],
    (b) => `bucket ${b}`,
    () => {
      if (!eventName)
        throw new Error(
          'the event name is required: StorageGRID names the endpoint and notification after it',
        );
      return {
        authorization: `Bearer ${secrets.get(cfg.authToken as SecretKeySelector)}`,
        accept: 'application/json',
      };
    },
    async (b, headers) => {
      const listed = (await hostJson(fetchFn, 'GET', joinUrl(api, 'org/endpoints'), headers)).body as
        { data?: { endpointURN?: string }[] } | undefined;
      const registered = (listed?.data ?? []).some((e) => e.endpointURN === topicArn);
      if (!registered) {
        await hostJson(fetchFn, 'POST', joinUrl(api, 'org/endpoints'), headers, {
          displayName: eventName!,
          endpointURI: hookUrl(cfg),
          endpointURN: topicArn,
          authType: 'anonymous',
          insecureTLS: true,
        });
      }
      const notification = notificationXml(eventName!, topicArn, stringList(cfg.events) ?? []);
      await hostJson(
        fetchFn,
        'PUT',
        joinUrl(api, `org/containers/${encodeURIComponent(b)}/notification`),
        headers,
        { notification },
      );
      return { action: registered ? 'updated' : 'created', hookId: topicArn };
    },
  );
}

export const storageGridHookManager: HookManager = {
  type: 'storageGrid',
  manages: managesStorageGrid,
  ensure: ensureNotification,
  remove: async () => [],
};
