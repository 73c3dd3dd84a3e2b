// The three kinds of Slack request and the event data Argo builds from each:
// - Events API (JSON): url_verification → the challenge; event_callback → {type, Data} (Argo's
//   slackevents.EventsAPIInnerEvent, `Data` being the inner event);
// - slash commands (form) → slack-go's SlashCommand;
// - interactive payloads (form field `payload`, JSON) → slack-go's InteractionCallback.
import { isObject, type Obj } from '../../vocabulary/shape-checks.js';

/** Legacy verification tokens ride inside payloads; they never reach Sensors. */
const MASKED_TOKEN = '*** Masked Verification Token ***';

function maskToken<T extends Obj>(o: T): T {
  return typeof o.token === 'string' && o.token !== '' ? { ...o, token: MASKED_TOKEN } : o;
}

/** slack-go SlashCommand, field for field (its JSON tags, in order). */
export function slashCommandData(form: URLSearchParams): Obj {
  const get = (k: string) => form.get(k) ?? '';
  const data: Obj = { token: get('token'), team_id: get('team_id'), team_domain: get('team_domain') };
  if (get('enterprise_id') !== '') data.enterprise_id = get('enterprise_id');
  if (get('enterprise_name') !== '') data.enterprise_name = get('enterprise_name');
  Object.assign(data, {
    is_enterprise_install: get('is_enterprise_install') === 'true',
    channel_id: get('channel_id'),
    channel_name: get('channel_name'),
    user_id: get('user_id'),
    user_name: get('user_name'),
    command: get('command'),
    text: get('text'),
    response_url: get('response_url'),
    trigger_id: get('trigger_id'),
    api_app_id: get('api_app_id'),
  });
  return maskToken(data);
}

export type Parsed = { ok: true; value: Obj } | { ok: false; message: string };

export function interactionData(payload: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch (e) {
    return { ok: false, message: `form field "payload" is not JSON (${(e as Error).message})` };
  }
  if (!isObject(value)) return { ok: false, message: 'form field "payload" is not a JSON object' };
  return { ok: true, value: maskToken(value) };
}

export type EventsApiRequest =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; data: Obj; eventId?: string }
  | { kind: 'other'; type: string };

/** An Events API body (already parsed, token already checked) by its outer `type`. */
export function classifyEventsApi(body: Obj): EventsApiRequest | { kind: 'invalid'; message: string } {
  const type = typeof body.type === 'string' ? body.type : '';
  if (type === 'url_verification') {
    if (typeof body.challenge !== 'string')
      return { kind: 'invalid', message: 'url_verification without a challenge string' };
    return { kind: 'challenge', challenge: body.challenge };
  }
  if (type === 'event_callback') {
    const inner = body.event;
    if (!isObject(inner) || typeof inner.type !== 'string') {
      return { kind: 'invalid', message: 'event_callback without an "event" object that has a "type"' };
    }
    const out: EventsApiRequest = { kind: 'event', data: { type: inner.type, Data: inner } };
    if (typeof body.event_id === 'string' && body.event_id !== '') out.eventId = body.event_id;
    return out;
  }
  return { kind: 'other', type };
}
