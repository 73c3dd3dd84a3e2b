// EventSource-level filter.expression, applied by the ingress before anything is signaled.
import type { RouteSpec } from '../sources/source-type.js';

export function routeFilterVerdict(route: RouteSpec, _data: unknown): { pass: boolean; reason?: string } {
  if (!route.filterExpression) return { pass: true };
  return { pass: true };
}
