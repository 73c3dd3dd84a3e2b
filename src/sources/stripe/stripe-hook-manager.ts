// `createWebhook: true` on a stripe event, as a hook manager the EventSource workflow runs on
// apply. Argo never deletes the Stripe endpoint it created; neither does Eventide.
import type { HookManager } from '../hook-management/hook-manager.js';
import { stripeSource } from './stripe-source.js';

export const stripeHookManager: HookManager = {
  type: 'stripe',
  manages: (cfg) => cfg.createWebhook === true,
  async ensure(cfg, ctx) {
    const eventName = ctx.eventName ?? '';
    const route = stripeSource.routes(ctx.source ?? { namespace: 'default', name: '' }, {
      [eventName]: cfg,
    })[0];
    if (!route) return [];
    try {
      const r = await stripeSource.activate(route, {
        secrets: ctx.secrets,
        fetch: ctx.fetch as typeof fetch,
      });
      return r ? [{ target: `stripe endpoint for ${eventName}`, action: r.action, hookId: r.id }] : [];
    } catch (e) {
      return [{ target: `stripe endpoint for ${eventName}`, action: 'failed', error: (e as Error).message }];
    }
  },
  async remove() {
    return [];
  },
};
