// The front page: every EventSource and Sensor with its status.
import type { EventSourceStatus, SensorStatus } from './dashboard-model.js';
import { at, countdown } from './format.js';
import { html, seg, type Html } from './html.js';
import { eventLink } from './decision-view.js';

export const sensorHref = (ns: string, name: string) => `/sensors/${seg(ns)}/${seg(name)}`;
const eventSourceHref = (ns: string, name: string) => `/eventsources/${seg(ns)}/${seg(name)}`;

export function runningCell(running: boolean, problem?: string): Html {
  return running
    ? html`<span class="ok">running</span>`
    : html`<span class="bad" title="${problem ?? ''}">not answering</span
        >${problem ? html`<div class="muted">${problem}</div>` : ''}`;
}

export function heldList(held: SensorStatus['held'], now: number): Html {
  if (held.length === 0) return html`<span class="muted">none</span>`;
  return html`<ul class="held">
    ${held.map(
      (h) =>
        html`<li>
          ${h.trigger}/${h.dependency} = ${eventLink(h.eventId)} · ${countdown(h.expiresAt, now)}
        </li>`,
    )}
  </ul>`;
}

function sensorRows(sensors: SensorStatus[], now: number): Html {
  if (sensors.length === 0)
    return html`<tr>
      <td colspan="8" class="muted">No Sensors applied.</td>
    </tr>`;
  return html`${sensors.map(
    (s) =>
      html`<tr class="sensor-row">
        <td><a class="sensor-link" href="${sensorHref(s.namespace, s.name)}">${s.namespace}/${s.name}</a></td>
        <td>${runningCell(s.running, s.problem)}</td>
        <td>${at(s.lastEventAt)}</td>
        <td class="fires">${s.fires}</td>
        <td class="${s.failures > 0 ? 'bad' : ''}">${s.failures}</td>
        <td class="${s.dlqFires > 0 ? 'warn' : ''}">${s.dlqFires}</td>
        <td>${heldList(s.held, now)}</td>
        <td class="muted">${s.window}</td>
      </tr>`,
  )}`;
}

function sourceRows(sources: EventSourceStatus[]): Html {
  if (sources.length === 0)
    return html`<tr>
      <td colspan="4" class="muted">No EventSources applied.</td>
    </tr>`;
  return html`${sources.map(
    (s) =>
      html`<tr>
        <td><a href="${eventSourceHref(s.namespace, s.name)}">${s.namespace}/${s.name}</a></td>
        <td>${runningCell(s.running)}</td>
        <td>${s.events.join(', ')}</td>
        <td>${at(s.lastEventAt)}</td>
      </tr>`,
  )}`;
}

export function frontPage(sources: EventSourceStatus[], sensors: SensorStatus[], now = Date.now()): Html {
  return html`<h1>Sensors &amp; EventSources</h1>
    <h2>Sensors</h2>
    <table id="sensors">
      <thead>
        <tr>
          <th>Sensor</th>
          <th>status</th>
          <th>last event</th>
          <th>fires</th>
          <th>failures</th>
          <th>DLQ fires</th>
          <th>held events (window left)</th>
          <th title="fires, failures and DLQ fires are counted over the decisions each Sensor keeps live">
            decisions counted
          </th>
        </tr>
      </thead>
      <tbody>
        ${sensorRows(sensors, now)}
      </tbody>
    </table>
    <h2>EventSources</h2>
    <table id="eventsources">
      <thead>
        <tr>
          <th>EventSource</th>
          <th>status</th>
          <th>events</th>
          <th>last event (any Sensor)</th>
        </tr>
      </thead>
      <tbody>
        ${sourceRows(sources)}
      </tbody>
    </table>`;
}
