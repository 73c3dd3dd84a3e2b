// A Sensor: its graph, status, held events and its decisions, refreshed live by the client
// script from the `decisions` fragment route.
import type { SensorDetail } from './dashboard-model.js';
import { decisionRows } from './decision-view.js';
import { at } from './format.js';
import { heldList, runningCell, sensorHref } from './front-page.js';
import { html, type Html } from './html.js';
import { sensorGraph } from './sensor-graph.js';
import { displayJson } from './redact-for-display.js';
import { temporalLink } from './decision-view.js';
import { workflowUrl } from './temporal-ui-links.js';
import { messageOf } from '../engine/filters/verdict.js';

export interface PageContext {
  temporalUiUrl?: string;
  temporalNamespace: string;
}

function sensorRunUrl(d: SensorDetail, ctx: PageContext): string | undefined {
  return workflowUrl(ctx.temporalUiUrl, ctx.temporalNamespace, d.status.workflowId, d.status.runId);
}

export function decisionsFragment(d: SensorDetail, ctx: PageContext): Html {
  return decisionRows(d.decisions, sensorRunUrl(d, ctx));
}

function graphOrProblem(d: SensorDetail): Html {
  try {
    return sensorGraph(d.spec);
  } catch (e) {
    return html`<p class="bad">cannot draw this Sensor: ${messageOf(e)}</p>`;
  }
}

export function sensorPage(d: SensorDetail, ctx: PageContext, now = Date.now()): Html {
  const s = d.status;
  return html`<h1>Sensor ${s.namespace}/${s.name}</h1>
    <p>
      ${runningCell(s.running, s.problem)} · since ${at(s.since.getTime())} · last event ${at(s.lastEventAt)}
      · fires <b>${s.fires}</b> · failures <b>${s.failures}</b> · DLQ fires <b>${s.dlqFires}</b>
      <span class="muted">(over the ${s.window} decisions kept live)</span> ·
      ${temporalLink(sensorRunUrl(d, ctx), 'workflow in the Temporal UI')}
    </p>
    <h2>Dependencies → conditions → triggers</h2>
    ${graphOrProblem(d)}
    <h2>Held events</h2>
    ${heldList(s.held, now)}
    <h2>Decisions <span class="muted" id="live-status">(live)</span></h2>
    <table id="decisions" data-live="${sensorHref(s.namespace, s.name)}/decisions">
      <thead>
        <tr>
          <th>time</th>
          <th>decision</th>
          <th>detail</th>
        </tr>
      </thead>
      <tbody>
        ${decisionsFragment(d, ctx)}
      </tbody>
    </table>
    <details>
      <summary>Spec</summary>
      <pre>${displayJson(d.spec)}</pre>
    </details>`;
}
