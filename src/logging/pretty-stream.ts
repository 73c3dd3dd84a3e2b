// pino's JSON lines made readable on a terminal without pino-pretty: "12:00:01 WARN  msg k=v".
import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const COLORS: Record<number, string> = { 10: '90', 20: '90', 30: '36', 40: '33', 50: '31', 60: '31' };
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s="]/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

export function formatPrettyLine(line: string, color: boolean): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = typeof rec.level === 'number' ? rec.level : 30;
  const time = new Date(typeof rec.time === 'number' ? rec.time : Date.now()).toISOString().slice(11, 19);
  const name = (LEVELS[level] ?? String(level)).padEnd(5);
  const tag = color ? `\x1b[${COLORS[level] ?? '0'}m${name}\x1b[0m` : name;
  const fields = Object.entries(rec)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${value(v)}`)
    .join(' ');
  return `${time} ${tag} ${String(rec.msg ?? '')}${fields ? ` ${fields}` : ''}`;
}

export function prettyStream(out: NodeJS.WriteStream): Writable {
  let rest = '';
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      const text = rest + chunk.toString('utf8');
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) if (l) out.write(`${formatPrettyLine(l, out.isTTY === true)}\n`);
      done();
    },
  });
}
