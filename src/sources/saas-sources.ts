// Push sources for SaaS webhooks: slack, stripe, sns.
import type { PushSourceType } from './source-type.js';
import { slackSource } from './slack-source.js';
import { stripeSource } from './stripe-source.js';
import { snsSource } from './sns-source.js';

export const SAAS_SOURCES: PushSourceType[] = [slackSource, stripeSource, snsSource];
