// An EventSource: its events and spec (secret references shown, never values).
import type { EventSourceDetail } from './dashboard-model.js';
import { at } from './format.js';
import { runningCell } from './front-page.js';
import { html, type Html } from './html.js';
import { displayJson } from './redact-for-display.js';

export function eventSourcePage(d: EventSourceDetail): Html {
  const s = d.status;
  return html`<h1>EventSource ${s.namespace}/${s.name}</h1>
    <p>
      ${runningCell(s.running)} · since ${at(s.since.getTime())} · last event (any Sensor)
      ${at(s.lastEventAt)}
    </p>
    <h2>Events</h2>
    <ul>
      ${s.events.map((e) => html`<li><code>${e}</code></li>`)}
    </ul>
    <h2>Spec</h2>
    <pre>${displayJson(d.spec)}</pre>`;
}
