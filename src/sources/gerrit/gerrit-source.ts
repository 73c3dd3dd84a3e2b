// Argo's `gerrit` EventSource: deliveries of Gerrit's webhooks plugin. Like Argo, it checks no
// signature (only webhook.authSecret, when set); the event is {headers, body, metadata}.
import { unsignedJsonSource } from '../git-hosts/git-event-data.js';
import { checkGerritEvent } from './gerrit-rules.js';

export const gerritSource = unsignedJsonSource('gerrit', checkGerritEvent, 'Gerrit');
