// Push sources for SaaS webhooks: slack, stripe, sns.
import type { PushSourceType } from './source-type.js';

export const SAAS_SOURCES: PushSourceType[] = [];
