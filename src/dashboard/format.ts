// Times and durations as the pages show them.
import { html, type Html } from './html.js';

export function at(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms)
    ? '–'
    : new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Time left of a correlation window; the client script keeps it counting down. */
export function countdown(expiresAt: number | undefined, now: number): Html {
  if (expiresAt === undefined)
    return html`<span class="muted">no window (held until conditions are met)</span>`;
  return html`<span class="countdown" data-expires="${expiresAt}"
    >${expiresAt <= now ? 'expiring' : `${duration(expiresAt - now)} left`}</span
  >`;
}
