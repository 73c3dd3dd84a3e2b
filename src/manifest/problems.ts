// Collects validation problems against field paths; the CLI turns them into file:line: path: message.
import { formatFieldPath, type PathSegment } from './field-path.js';

export interface Problem {
  path: PathSegment[];
  message: string;
}

export class Problems {
  readonly list: Problem[] = [];

  add(path: readonly PathSegment[], message: string): void {
    this.list.push({ path: [...path], message });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

export interface LocatedProblem {
  file: string;
  line: number;
  path: string;
  message: string;
}

export function formatLocatedProblem(p: LocatedProblem): string {
  return p.path === '' ? `${p.file}:${p.line}: ${p.message}` : `${p.file}:${p.line}: ${p.path}: ${p.message}`;
}

export function locate(
  file: string,
  lineOf: (path: readonly PathSegment[]) => number,
  problems: readonly Problem[],
): LocatedProblem[] {
  return problems.map((p) => ({
    file,
    line: lineOf(p.path),
    path: formatFieldPath(p.path),
    message: p.message,
  }));
}
