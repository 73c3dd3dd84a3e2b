// One decision as a table row: what the Sensor decided, with links to the event and, for a
// fire, to its workflow run in the Temporal Web UI.
import { formatDecision } from '../audit/format-decision.js';
import type { Decision } from '../engine/types.js';
import { at } from './format.js';
import { html, seg, type Html } from './html.js';


export const eventLink = (id: string): Html =>
  id
    ? html`<a class="event-link" href="/events/${seg(id)}">${id}</a>`
    : html`<span class="muted">(no id)</span>`;

function eventLinks(events: Record<string, string>): Html[] {
  return Object.entries(events).map(([dep, id]) => html`${dep}=${eventLink(id)} `);
}

export function temporalLink(url: string | undefined, label = 'Temporal UI'): Html {
  return url
    ? html`<a class="temporal-link" href="${url}" target="_blank" rel="noopener">${label}</a>`
    : html``;
}

function verdicts(d: Extract<Decision, { kind: 'event' }>): Html {
  if (d.problem) return html`<span class="bad">rejected</span>: <span class="reason">${d.problem}</span>`;
  if (d.duplicate) return html`<span class="muted">duplicate, ignored</span>`;
  if (d.dependencies.length === 0) return html`<span class="muted">no dependency listens to it</span>`;
  return html`<ul class="verdicts">
    ${d.dependencies.map((v) =>
      v.accepted
        ? html`<li><b>${v.name}</b>: <span class="ok">accepted</span></li>`
        : html`<li>
            <b>${v.name}</b>: <span class="bad">rejected</span> —
            <span class="reason">${v.reason ?? 'filtered out'}</span>
          </li>`,
    )}
  </ul>`;
}

function detail(d: Decision, fireUrl: string | undefined): Html {
  switch (d.kind) {
    case 'event':
      return html`event ${eventLink(d.eventId)} from <code>${d.source}/${d.subject}</code>${verdicts(d)}`;
    case 'held':
      return html`trigger <b>${d.trigger}</b> holds
        ${d.dependency}=${eventLink(d.eventId)}${d.replaced ? html` (replaces ${d.replaced})` : ''}${d.expiresAt !== undefined ? html`, window ends ${at(d.expiresAt)}` : ''}`;
    case 'fired':
      return html`trigger <b>${d.trigger}</b> fired
        <code>${d.fireId}</code>${d.dlqOf ? html` <span class="warn">dlqTrigger of ${d.dlqOf}</span>` : ''}:
        ${eventLinks(d.events)} ${temporalLink(fireUrl)}`;
    case 'fire-failed':
      return html`trigger <b>${d.trigger}</b> could not fire <code>${d.fireId}</code>:
        ${eventLinks(d.events)}<span class="reason">${d.error}</span>`;
    case 'result':
      return html`trigger <b>${d.trigger}</b> <code>${d.fireId}</code>
        <span class="${d.outcome === 'succeeded' ? 'ok' : 'bad'}"
          >${d.outcome === 'succeeded' ? 'succeeded' : 'gave up'}</span
        >${d.attempts !== undefined ? ` after ${d.attempts} attempt(s)` : ''}${d.error ? html`: <span class="reason">${d.error}</span>` : ''}
        ${temporalLink(fireUrl)}`;
    case 'rate-limited':
      return html`trigger <b>${d.trigger}</b> <code>${d.fireId}</code> queued by its rate limit (${d.queued}
        waiting): ${eventLinks(d.events)}`;
    case 'expired':
      return html`trigger <b>${d.trigger}</b> dropped ${d.dependency}=${eventLink(d.eventId)}: correlation
        window ended (held since ${at(d.heldAt)})`;
    default:
      // reset, spec-updated: their text has no payloads
      return html`${formatDecision(d).replace(/^\S+\s+/, '')}`;
  }
}

const KIND_CLASS: Record<string, string> = { fired: 'ok', 'fire-failed': 'bad', expired: 'warn' };

export function decisionRow(d: Decision, fireUrl: string | undefined): Html {
  const cls =
    d.kind === 'event' && (d.problem || d.dependencies.some((v) => !v.accepted))
      ? 'bad'
      : d.kind === 'result'
        ? d.outcome === 'succeeded'
          ? 'ok'
          : 'bad'
        : (KIND_CLASS[d.kind] ?? '');
  return html`<tr class="decision decision-${d.kind}">
    <td class="muted">${at(d.at)}</td>
    <td class="${cls}">${d.kind}</td>
    <td>${detail(d, fireUrl)}</td>
  </tr>`;
}

export function decisionRows(decisions: readonly Decision[], fireUrl: string | undefined, limit = 200): Html {
  const shown = decisions.slice(-limit).reverse();
  if (shown.length === 0)
    return html`<tr>
      <td colspan="3" class="muted">no decisions yet</td>
    </tr>`;
  return html`${shown.map((d) => decisionRow(d, fireUrl))}`;
}
