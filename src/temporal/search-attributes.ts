// Search attributes that let Eventide find its own workflows through Temporal visibility.
import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';

export const EVENTIDE_KIND = defineSearchAttributeKey('EventideKind', SearchAttributeType.KEYWORD);
export const EVENTIDE_NAMESPACE = defineSearchAttributeKey('EventideNamespace', SearchAttributeType.KEYWORD);
export const EVENTIDE_NAME = defineSearchAttributeKey('EventideName', SearchAttributeType.KEYWORD);

export const EVENTIDE_SEARCH_ATTRIBUTES = [EVENTIDE_KIND, EVENTIDE_NAMESPACE, EVENTIDE_NAME];

export function eventideAttributes(
  kind: 'Sensor' | 'EventSource',
  namespace: string,
  name: string,
): TypedSearchAttributes {
  return new TypedSearchAttributes([
    { key: EVENTIDE_KIND, value: kind },
    { key: EVENTIDE_NAMESPACE, value: namespace },
    { key: EVENTIDE_NAME, value: name },
  ]);
}

/** `--search-attribute` flags for `temporal server start-dev`. */
export function devServerSearchAttributeArgs(): string[] {
  return EVENTIDE_SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=Keyword`]);
}
