// Which EventSource event listens on which port + endpoint, rebuilt from the running
// EventSource workflows.
import type { EventSourceManifest } from '../vocabulary/manifest-types.js';
import { namespaceOf } from '../vocabulary/manifest-types.js';
import { pushSourceType, sourceTypesOf } from '../sources/registry.js';
import type { RouteSpec } from '../sources/source-type.js';

export interface RouteTable {
  /** port → endpoint → route */
  byPort: Map<number, Map<string, RouteSpec>>;
  /** problems found while building (e.g. two EventSources on one port + endpoint) */
  conflicts: string[];
}

export function buildRouteTable(sources: EventSourceManifest[]): RouteTable {
  const byPort = new Map<number, Map<string, RouteSpec>>();
  const conflicts: string[] = [];
  for (const m of sources) {
    const source = { namespace: namespaceOf(m), name: m.metadata.name };
    const spec = (m.spec ?? {}) as Record<string, unknown>;
    for (const type of sourceTypesOf(spec)) {
      const impl = pushSourceType(type);
      const block = spec[type];
      if (!impl || typeof block !== 'object' || block === null) continue;
      for (const route of impl.routes(source, block as Record<string, unknown>)) {
        if (!Number.isInteger(route.port) || route.port <= 0 || route.port > 65535) {
          conflicts.push(
            `${source.namespace}/${source.name} ${type}.${route.eventName}: invalid port ${route.port}`,
          );
          continue;
        }
        const endpoints = byPort.get(route.port) ?? new Map<string, RouteSpec>();
        const taken = endpoints.get(route.endpoint);
        if (taken) {
          conflicts.push(
            `${source.namespace}/${source.name} ${type}.${route.eventName}: port ${route.port} endpoint ${route.endpoint} ` +
              `is already used by ${taken.source.namespace}/${taken.source.name} ${taken.sourceType}.${taken.eventName}`,
          );
          continue;
        }
        endpoints.set(route.endpoint, route);
        byPort.set(route.port, endpoints);
      }
    }
  }
  return { byPort, conflicts };
}
