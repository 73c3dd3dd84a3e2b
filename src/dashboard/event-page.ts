// One event: its payload, the Sensors that received it, each dependency's verdict with the
// verdict of every filter, and what fired with which resolved input and what the target answered.
import type { EventReceiver, EventReport, FireReport } from './dashboard-model.js';
import { decisionRow, temporalLink } from './decision-view.js';
import { filterBreakdown } from './filter-breakdown.js';
import { at } from './format.js';
import { sensorHref } from './front-page.js';
import { html, type Html } from './html.js';
import { displayJson } from './redact-for-display.js';
import type { PageContext } from './sensor-page.js';
import { workflowUrl } from './temporal-ui-links.js';
import type { CloudEvent } from '../engine/cloudevent.js';

function breakdown(r: EventReceiver, depName: string, payload: CloudEvent | undefined): Html {
  const dep = r.spec.dependencies.find((d) => d.name === depName);
  if (!dep) return html``;
  if (!payload)
    return html`<p class="muted">
      the event is no longer in this Sensor's recent history: per-filter verdicts unavailable
    </p>`;
  const rows = filterBreakdown(dep, payload, r.decision.at);
  if (rows.length === 0) return html`<p class="muted">no filters</p>`;
  return html`<table class="filters">
    <thead>
      <tr>
        <th>filter</th>
        <th>definition</th>
        <th>verdict</th>
        <th>reason</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (f) =>
          html`<tr class="filter ${f.pass ? 'pass' : 'fail'}">
            <td><code>${f.filter}</code></td>
            <td><code>${f.summary}</code></td>
            <td class="${f.pass ? 'ok' : 'bad'}">${f.pass ? 'passed' : 'failed'}</td>
            <td class="reason">${f.reason ?? ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function verdictSection(r: EventReceiver, payload: CloudEvent | undefined): Html {
  const d = r.decision;
  if (d.problem)
    return html`<p><span class="bad">rejected</span>: <span class="reason">${d.problem}</span></p>`;
  if (d.duplicate) return html`<p class="muted">duplicate of an event already seen: ignored</p>`;
  if (d.dependencies.length === 0)
    return html`<p class="muted">no dependency of this Sensor listens to it</p>`;
  return html`${d.dependencies.map(
    (v) =>
      html`<div class="dependency-verdict">
        <h4>
          dependency <b>${v.name}</b>:
          ${
            v.accepted
              ? html`<span class="ok">accepted</span>`
              : html`<span class="bad">rejected</span> —
                  <span class="reason recorded-reason">${v.reason ?? 'filtered out'}</span>`
          }
        </h4>
        ${breakdown(r, v.name, payload)}
      </div>`,
  )}`;
}

function fireSection(f: FireReport, r: EventReceiver, ctx: PageContext): Html {
  const url = workflowUrl(ctx.temporalUiUrl, ctx.temporalNamespace, r.sensor.workflowId, f.runId);
  const outcome =
    f.outcome === 'succeeded'
      ? html`<span class="ok">succeeded</span>`
      : f.outcome === 'running'
        ? html`<span class="warn">running</span>`
        : html`<span class="bad">${f.outcome === 'failed' ? 'gave up' : 'could not fire'}</span>`;
  return html`<div class="fire">
    <h4>
      trigger <b>${f.trigger}</b>
      <code>${f.fireId}</code>${f.dlqOf ? html` <span class="warn">(dlqTrigger of ${f.dlqOf})</span>` : ''} —
      ${outcome}${f.attempts !== undefined ? ` after ${f.attempts} attempt(s)` : ''} · fired ${at(f.firedAt)}
      ${temporalLink(url, 'activity in the Temporal UI')}
    </h4>
    ${f.error ? html`<p class="reason">${f.error}</p>` : ''}
    ${
      f.payload !== undefined
        ? html`<p>resolved payload</p>
            <pre class="fire-payload">${displayJson(f.payload)}</pre>`
        : ''
    }
    ${
      f.template !== undefined
        ? html`<details>
            <summary>resolved trigger template</summary>
            <pre>${displayJson(f.template)}</pre>
          </details>`
        : ''
    }
    ${
      f.resource !== undefined
        ? html`<details>
            <summary>resolved resource</summary>
            <pre>${displayJson(f.resource)}</pre>
          </details>`
        : ''
    }
    ${
      f.answer !== undefined
        ? html`<p>target's answer</p>
            <pre class="fire-answer">${displayJson(f.answer)}</pre>`
        : ''
    }
  </div>`;
}

export function eventPage(e: EventReport, ctx: PageContext): Html {
  return html`<h1>Event <code>${e.eventId}</code></h1>
    <h2>Payload</h2>
    ${e.payload ? html`<pre id="payload">${displayJson(e.payload)}</pre>` : html`<p class="muted">not in the recent history of the Sensors that received it</p>`}
    <h2>Received by ${e.receivers.length} Sensor(s)</h2>
    ${e.receivers.map(
      (r) =>
        html`<section class="receiver">
          <h3>
            <a href="${sensorHref(r.sensor.namespace, r.sensor.name)}"
              >${r.sensor.namespace}/${r.sensor.name}</a
            >
            · decided ${at(r.decision.at)}
          </h3>
          ${verdictSection(r, e.payload)}
          ${
            r.fires.length > 0
              ? html`<h4>Fires</h4>
                  ${r.fires.map((f) => fireSection(f, r, ctx))}`
              : ''
          }
          ${
            r.related.length > 0
              ? html`<details>
                  <summary>every decision about this event</summary>
                  <table>
                    <tbody>
                      ${r.related.map((d) => decisionRow(d, undefined))}
                    </tbody>
                  </table>
                </details>`
              : ''
          }
        </section>`,
    )}`;
}

export function eventNotFound(eventId: string): Html {
  return html`<h1>Event <code>${eventId}</code></h1>
    <p class="bad">No Sensor has a recent decision about an event with this id.</p>
    <p class="muted">
      Sensors keep their most recent decisions live; for older ones run
      <code>eventide explain sensor NAME</code>, which replays the whole history.
    </p>`;
}
