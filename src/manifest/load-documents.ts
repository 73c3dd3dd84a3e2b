// Reads manifest files (multi-document YAML or JSON) and keeps enough of the YAML tree to point
// an error at the line of the field it concerns.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { PathSegment } from '../vocabulary/field-path.js';

export interface SourceDocument {
  /** file path as given by the user (for error messages) */
  file: string;
  /** 0-based index of the document inside the file */
  index: number;
  /** 1-based line where the document starts */
  line: number;
  value: unknown;
  /** 1-based line of the deepest existing node on `path` */
  lineOf(path: readonly PathSegment[]): number;
}

export interface LoadProblem {
  file: string;
  line: number;
  message: string;
}

class ManifestReadError extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'ManifestReadError';
  }
}

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;

/**
 * Files named by `target`: the file itself, or the manifest files of a directory (recursively,
 * sorted). A subdirectory holding a kustomization.yaml is a Kubernetes deployment bundle (e.g.
 * config/kubernetes/: Deployments, RBAC, CRDs for `kubectl apply -k`), not Eventide manifests: skipped.
 */
function manifestFiles(target: string, top = true): string[] {
  let st;
  try {
    st = statSync(target);
  } catch {
    throw new ManifestReadError([{ file: target, line: 0, message: 'no such file or directory' }]);
  }
  if (!st.isDirectory()) return [target];
  if (!top && existsSync(join(target, 'kustomization.yaml'))) return [];
  const out: string[] = [];
  for (const entry of readdirSync(target).sort()) {
    if (entry.startsWith('.')) continue;
    const full = join(target, entry);
    if (statSync(full).isDirectory()) out.push(...manifestFiles(full, false));
    else if (MANIFEST_EXTENSIONS.test(entry)) out.push(full);
  }
  return out;
}

/** Parses YAML text into its documents; syntax errors are returned as problems, not thrown. */
export function parseDocuments(
  file: string,
  text: string,
): { docs: SourceDocument[]; problems: LoadProblem[] } {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs: SourceDocument[] = [];
  const problems: LoadProblem[] = [];
  const list = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    problems.push({ file, line: 1, message: 'not a YAML stream' });
  }
  list.forEach((doc: Document.Parsed, index) => {
    for (const err of doc.errors) {
      // Without prettyErrors the parser sets no linePos: the offset in err.pos gives the line.
      const line = err.linePos?.[0]?.line ?? lineCounter.linePos(err.pos[0]).line;
      problems.push({ file, line, message: `YAML syntax: ${firstLine(err.message)}` });
    }
    if (doc.errors.length > 0) return;
    const contents = doc.contents as Node | null;
    if (contents === null || (isScalar(contents) && contents.value === null)) return; // empty document
    const start = contents.range?.[0] ?? 0;
    docs.push({
      file,
      index,
      line: lineCounter.linePos(start).line,
      value: doc.toJS({ maxAliasCount: 100 }),
      lineOf: (path) => lineCounter.linePos(offsetOf(contents, path)).line,
    });
  });
  return { docs, problems };
}

export function readDocuments(target: string): { docs: SourceDocument[]; problems: LoadProblem[] } {
  const docs: SourceDocument[] = [];
  const problems: LoadProblem[] = [];
  for (const file of manifestFiles(target)) {
    const text = readFileSync(file, 'utf8');
    const r = parseDocuments(file, text);
    docs.push(...r.docs);
    problems.push(...r.problems);
  }
  return { docs, problems };
}

function offsetOf(root: Node, path: readonly PathSegment[]): number {
  let node: Node = root;
  let offset = node.range?.[0] ?? 0;
  for (const seg of path) {
    let next: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair) {
        // Point at the key: that is the line a user looks for.
        offset = (pair.key as Node).range?.[0] ?? offset;
        next = (pair.value as Node | null) ?? undefined;
        if (!next) return offset;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = (node.items[seg] as Node | undefined) ?? undefined;
      if (next) offset = next.range?.[0] ?? offset;
    }
    if (!next) return offset;
    node = next;
  }
  return offset;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
