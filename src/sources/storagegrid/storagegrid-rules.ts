// Validation of a `storageGrid` event (Argo's StorageGridEventSource): topicArn, apiURL, bucket,
// authToken and events are required, as in Argo; filter is a key prefix / suffix.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { checkSecretSelector } from '../push-common/webhook-context-rules.js';
import { checkTlsConfig, stringListAt } from '../git-hosts/git-host-rules.js';

export function checkStorageGridEvent(p: Problems, cfg: Obj, path: PathSegment[]): void {
  stringAt(p, cfg.topicArn, [...path, 'topicArn'], true);
  stringAt(p, cfg.apiURL, [...path, 'apiURL'], true);
  stringAt(p, cfg.bucket, [...path, 'bucket'], true);
  stringAt(p, cfg.region, [...path, 'region'], false);
  checkSecretSelector(p, cfg.authToken, [...path, 'authToken'], true);
  stringListAt(p, cfg.events, [...path, 'events'], true);
  const filter = objectAt(p, cfg.filter, [...path, 'filter'], false);
  if (filter) {
    stringAt(p, filter.prefix, [...path, 'filter', 'prefix'], false);
    stringAt(p, filter.suffix, [...path, 'filter', 'suffix'], false);
  }
  checkTlsConfig(p, cfg.tls, [...path, 'tls']);
}
