// Argo's `bitbucket` (Cloud) EventSource: Bitbucket Cloud webhook deliveries. Like Argo, it
// checks no signature (only webhook.authSecret, when set); the event is {headers, body, metadata}.
import { unsignedJsonSource } from '../git-hosts/git-event-data.js';
import { checkBitbucketEvent } from './bitbucket-rules.js';

export const bitbucketSource = unsignedJsonSource('bitbucket', checkBitbucketEvent, 'Bitbucket');
