// The dashboard's HTTP routes (read-only: GET only). Every page is rendered on the server with
// escaped output; the data comes from a DashboardSource.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { DashboardSource } from './dashboard-model.js';
import { frontPage } from './front-page.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { decisionsFragment, sensorPage, type PageContext } from './sensor-page.js';
import { eventNotFound, eventPage } from './event-page.js';
import { eventSourcePage } from './eventsource-page.js';
import { CLIENT_SCRIPT } from './client-script.js';

export interface DashboardAppOptions {
  source: DashboardSource;
  /** Temporal Web UI base URL, for links to workflows */
  temporalUiUrl?: string;
}

/** Inline styles in the page's own <style>; scripts only from this server. */
const CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

function send(reply: FastifyReply, status: number, title: string, body: Html): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page(title, body));
}

export function buildDashboardApp(o: DashboardAppOptions): FastifyInstance {
  const app = Fastify({ logger: false });
  const ctx: PageContext = {
    temporalNamespace: o.source.namespaceOfTemporal,
    ...(o.temporalUiUrl ? { temporalUiUrl: o.temporalUiUrl } : {}),
  };
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
    return payload;
  });
  app.setErrorHandler((err, _req, reply) => {
    const status = (err as { statusCode?: number }).statusCode ?? 502;
    const message = err instanceof Error ? err.message : String(err);
    return send(
      reply,
      status >= 400 && status < 500 ? status : 502,
      'Error',
      html`<h1>Cannot show this page</h1>
        <p class="bad">${message}</p>
        <p class="muted">Is Temporal reachable? The dashboard reads everything from it.</p>`,
    );
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/dashboard.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(CLIENT_SCRIPT),
  );

  app.get('/', async (_req, reply) => {
    const [sources, sensors] = await Promise.all([o.source.eventSources(), o.source.sensors()]);
    return send(reply, 200, 'Sensors & EventSources', frontPage(sources, sensors));
  });

  app.get<{ Params: { ns: string; name: string } }>('/sensors/:ns/:name', async (req, reply) => {
    const d = await o.source.sensor({ namespace: req.params.ns, name: req.params.name });
    if (!d)
      return send(
        reply,
        404,
        'Not found',
        html`<h1>No Sensor ${req.params.ns}/${req.params.name}</h1>
          <p><a href="/">all Sensors</a></p>`,
      );
    return send(reply, 200, `Sensor ${d.status.name}`, sensorPage(d, ctx));
  });

  app.get<{ Params: { ns: string; name: string } }>('/sensors/:ns/:name/decisions', async (req, reply) => {
    const d = await o.source.sensor({ namespace: req.params.ns, name: req.params.name });
    if (!d) return reply.code(404).type('text/plain; charset=utf-8').send('no such Sensor');
    return reply.type('text/html; charset=utf-8').send(decisionsFragment(d, ctx).text);
  });

  app.get<{ Params: { ns: string; name: string } }>('/eventsources/:ns/:name', async (req, reply) => {
    const d = await o.source.eventSource({ namespace: req.params.ns, name: req.params.name });
    if (!d)
      return send(
        reply,
        404,
        'Not found',
        html`<h1>No EventSource ${req.params.ns}/${req.params.name}</h1>
          <p><a href="/">all EventSources</a></p>`,
      );
    return send(reply, 200, `EventSource ${d.status.name}`, eventSourcePage(d));
  });

  app.get<{ Params: { id: string } }>('/events/:id', async (req, reply) => {
    const e = await o.source.event(req.params.id);
    if (!e) return send(reply, 404, 'Event not found', eventNotFound(req.params.id));
    return send(reply, 200, `Event ${e.eventId}`, eventPage(e, ctx));
  });

  app.get<{ Querystring: { id?: string } }>('/search', async (req, reply) => {
    const id = (req.query.id ?? '').trim();
    if (id === '') return reply.redirect('/', 303);
    return reply.redirect(`/events/${encodeURIComponent(id)}`, 303);
  });

  return app;
}
