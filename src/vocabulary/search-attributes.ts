// Search attributes that let Eventide find its own workflows through Temporal visibility.
import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';

const EVENTIDE_KIND = defineSearchAttributeKey('EventideKind', SearchAttributeType.KEYWORD);
const EVENTIDE_NAMESPACE = defineSearchAttributeKey('EventideNamespace', SearchAttributeType.KEYWORD);
const EVENTIDE_NAME = defineSearchAttributeKey('EventideName', SearchAttributeType.KEYWORD);

/**
 * When the resource was applied or its spec last changed: the ingress polls only workflows
 * updated since its last look instead of re-reading every Sensor (see src/ingress/resource-cache.ts).
 */
export const EVENTIDE_UPDATED_AT = defineSearchAttributeKey(
  'EventideUpdatedAt',
  SearchAttributeType.DATETIME,
);

export const EVENTIDE_SEARCH_ATTRIBUTES = [
  EVENTIDE_KIND,
  EVENTIDE_NAMESPACE,
  EVENTIDE_NAME,
  EVENTIDE_UPDATED_AT,
];

/** The CLI's name for a search attribute type (`--search-attribute Name=Type`). */
const CLI_TYPE: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime' };

export function eventideAttributes(
  kind: 'Sensor' | 'EventSource',
  namespace: string,
  name: string,
): TypedSearchAttributes {
  return new TypedSearchAttributes([
    { key: EVENTIDE_KIND, value: kind },
    { key: EVENTIDE_NAMESPACE, value: namespace },
    { key: EVENTIDE_NAME, value: name },
    { key: EVENTIDE_UPDATED_AT, value: new Date() },
  ]);
}

/** `--search-attribute` flags for `temporal server start-dev`. */
export function devServerSearchAttributeArgs(): string[] {
  return EVENTIDE_SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=${CLI_TYPE[k.type]}`]);
}
