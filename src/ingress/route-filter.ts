// EventSource-level filter.expression, applied by the ingress before anything is signaled.
import { sourceFilterVerdict } from '../sources/source-filter.js';
import type { RouteSpec } from '../sources/source-type.js';

export function routeFilterVerdict(route: RouteSpec, data: unknown): { pass: boolean; reason?: string } {
  if (!route.filterExpression) return { pass: true };
  const payload = typeof data === 'object' && data !== null ? data : { value: data };
  return sourceFilterVerdict(route.filterExpression, payload);
}
