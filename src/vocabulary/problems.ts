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
  /** 'warning' for what is accepted but probably a mistake (an unknown field); default error */
  severity?: 'warning';
}

export function formatLocatedProblem(p: LocatedProblem): string {
  const message = p.severity === 'warning' ? `warning: ${p.message}` : p.message;
  return p.path === '' ? `${p.file}:${p.line}: ${message}` : `${p.file}:${p.line}: ${p.path}: ${message}`;
}

export function locate(
  file: string,
  lineOf: (path: readonly PathSegment[]) => number,
  problems: readonly Problem[],
  severity?: 'warning',
): LocatedProblem[] {
  return problems.map((p) => ({
    file,
    line: lineOf(p.path),
    path: formatFieldPath(p.path),
    message: p.message,
    ...(severity ? { severity } : {}),
  }));
}
