// Validation of whole manifest files: every document checked, every problem located at
// file:line: field.path, nothing returned as valid from a file that has a problem.
import { API_VERSION, type Manifest } from '../vocabulary/manifest-types.js';
import { readDocuments, parseDocuments, type SourceDocument } from './load-documents.js';
import { locate, Problems, type LocatedProblem } from '../vocabulary/problems.js';
import { isDnsSubdomain, objectAt, stringAt } from '../vocabulary/shape-checks.js';
import { validateSensorSpec } from './validate-sensor.js';
import { validateEventSourceSpec } from './validate-eventsource.js';
import { reportUnknownFields } from './unknown-fields.js';
import { canonicalTriggerKeys } from './trigger-key-case.js';

interface ValidatedDocument {
  doc: SourceDocument;
  manifest: Manifest;
}

/** Kubernetes and Argo kinds that often sit beside Sensors in one file; Eventide skips them. */
const FOREIGN_KINDS = new Set([
  'Workflow',
  'WorkflowTemplate',
  'ClusterWorkflowTemplate',
  'CronWorkflow',
  'WorkflowEventBinding',
  'EventBus',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'Service',
  'Deployment',
  'Namespace',
]);

interface SkippedDocument {
  file: string;
  line: number;
  kind: string;
  name: string;
}

export interface ValidationReport {
  valid: ValidatedDocument[];
  /** documents of other kinds (a WorkflowTemplate next to its Sensor): not Eventide's to apply */
  skipped: SkippedDocument[];
  problems: LocatedProblem[];
  /** accepted but probably mistakes (unknown fields); errors only with --strict */
  warnings: LocatedProblem[];
  /** files with at least one problem; nothing from them is applied */
  rejectedFiles: string[];
}

function validateDocument(doc: SourceDocument): LocatedProblem[] {
  const p = new Problems();
  const m = objectAt(p, doc.value, [], true);
  if (m) {
    const apiVersion = stringAt(p, m.apiVersion, ['apiVersion'], true);
    if (apiVersion !== undefined && apiVersion !== API_VERSION) {
      p.add(['apiVersion'], `must be ${API_VERSION}, got ${JSON.stringify(apiVersion)}`);
    }
    const kind = stringAt(p, m.kind, ['kind'], true);
    const meta = objectAt(p, m.metadata, ['metadata'], true);
    if (meta) {
      const name = stringAt(p, meta.name, ['metadata', 'name'], true);
      if (name !== undefined && !isDnsSubdomain(name)) {
        p.add(
          ['metadata', 'name'],
          `${JSON.stringify(name)} is not a valid name: lower-case letters, digits, '-' and '.'`,
        );
      }
      if (meta.generateName !== undefined && meta.name === undefined) {
        p.add(
          ['metadata', 'generateName'],
          'generateName is not supported for Sensors and EventSources: set metadata.name',
        );
      }
      const ns = stringAt(p, meta.namespace, ['metadata', 'namespace'], false);
      if (ns !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns)) {
        p.add(['metadata', 'namespace'], `${JSON.stringify(ns)} is not a valid namespace`);
      }
    }
    if (kind === 'Sensor') validateSensorSpec(p, m.spec);
    else if (kind === 'EventSource') validateEventSourceSpec(p, m.spec);
    else if (kind !== undefined)
      p.add(
        ['kind'],
        `unsupported kind ${JSON.stringify(kind)}: Eventide reads Sensor and EventSource` +
          (/^(sensor|eventsource)$/i.test(kind) ? ' (kinds are case-sensitive)' : ''),
      );
  }
  return locate(doc.file, doc.lineOf, p.list);
}

/** Fields no Argo type nor Eventide extension defines, as warnings. */
function unknownFieldWarnings(doc: SourceDocument): LocatedProblem[] {
  const w = new Problems();
  reportUnknownFields(w, doc.value);
  return locate(doc.file, doc.lineOf, w.list, 'warning');
}

function report(docs: SourceDocument[], loadProblems: LocatedProblem[]): ValidationReport {
  const problems = [...loadProblems];
  const skipped: SkippedDocument[] = [];
  const ours = docs.filter((doc) => {
    const v = doc.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
    if (typeof v?.kind === 'string' && FOREIGN_KINDS.has(v.kind)) {
      skipped.push({ file: doc.file, line: doc.line, kind: v.kind, name: String(v.metadata?.name ?? '') });
      return false;
    }
    return true;
  });
  const caseWarnings = ours.flatMap((doc) => {
    const w = new Problems();
    canonicalTriggerKeys(doc.value, w);
    return locate(doc.file, doc.lineOf, w.list, 'warning');
  });
  const perDoc = ours.map((doc) => ({ doc, problems: validateDocument(doc) }));
  const warnings = [...caseWarnings, ...ours.flatMap(unknownFieldWarnings)];
  for (const d of perDoc) problems.push(...d.problems);
  const rejected = new Set(problems.map((p) => p.file));
  const seen = new Map<string, string>();
  const valid: ValidatedDocument[] = [];
  for (const d of perDoc) {
    if (rejected.has(d.doc.file)) continue;
    const manifest = d.doc.value as Manifest;
    const key = `${manifest.kind}/${manifest.metadata.namespace ?? 'default'}/${manifest.metadata.name}`;
    const where = `${d.doc.file}:${d.doc.line}`;
    const prior = seen.get(key);
    if (prior) {
      problems.push({
        file: d.doc.file,
        line: d.doc.line,
        path: 'metadata.name',
        message: `${key} is defined twice (first at ${prior})`,
      });
      rejected.add(d.doc.file);
      continue;
    }
    seen.set(key, where);
    valid.push({ doc: d.doc, manifest });
  }
  return {
    valid: valid.filter((v) => !rejected.has(v.doc.file)),
    skipped,
    problems: problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    warnings: warnings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    rejectedFiles: [...rejected].sort(),
  };
}

/** Reads and validates a file or a directory of manifests. */
export function validatePath(target: string): ValidationReport {
  const { docs, problems } = readDocuments(target);
  return report(
    docs,
    problems.map((p) => ({ file: p.file, line: p.line, path: '', message: p.message })),
  );
}

/** Validates manifest text (tests, stdin). */
export function validateText(file: string, text: string): ValidationReport {
  const { docs, problems } = parseDocuments(file, text);
  return report(
    docs,
    problems.map((p) => ({ file: p.file, line: p.line, path: '', message: p.message })),
  );
}
