// eventide simulate -f SENSOR.yaml --events EVENTS.jsonl [--human]
import { readFileSync } from 'node:fs';
import { cloudEventProblem, type CloudEvent } from '../../engine/cloudevent.js';
import { validatePath } from '../../manifest/validate-manifest.js';
import { formatLocatedProblem } from '../../vocabulary/problems.js';
import { namespaceOf, type SensorManifest } from '../../vocabulary/manifest-types.js';
import { Simulation, type SimulationLine } from '../../simulate/simulate.js';
import { CliError } from '../cli-error.js';

export function readEventsFile(path: string): CloudEvent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as Error).message}`, 1);
  }
  const events: CloudEvent[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      problems.push(
        `${path}:${i + 1}: not valid JSON (${(e as Error).message}); each line must be one CloudEvent object`,
      );
      return;
    }
    const problem = cloudEventProblem(parsed);
    if (problem) problems.push(`${path}:${i + 1}: ${problem}`);
    else events.push(parsed as CloudEvent);
  });
  if (problems.length > 0) throw new CliError(problems.join('\n'), 1);
  return events;
}

function loadSensor(path: string): SensorManifest {
  const r = validatePath(path);
  if (r.problems.length > 0) throw new CliError(r.problems.map(formatLocatedProblem).join('\n'), 1);
  const sensors = r.valid.map((v) => v.manifest).filter((m): m is SensorManifest => m.kind === 'Sensor');
  if (sensors.length !== 1)
    throw new CliError(`${path} must hold exactly one Sensor, found ${sensors.length}`, 1);
  return sensors[0]!;
}

function human(line: SimulationLine): string {
  if ('event' in line) {
    const deps =
      line.dependencies.length === 0
        ? 'no dependency matches'
        : line.dependencies
            .map((d) => (d.accepted ? `${d.name}: accepted` : `${d.name}: rejected (${d.reason})`))
            .join('; ');
    const head = line.rejected
      ? `event ${line.event}: rejected: ${line.rejected}`
      : line.duplicate
        ? `event ${line.event}: duplicate, ignored`
        : `event ${line.event}: ${deps}`;
    const fired = line.fired.map(
      (f) =>
        `\n  fired ${f.trigger} with ${Object.entries(f.events)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}` +
        (f.payload !== undefined ? `\n    payload  ${JSON.stringify(f.payload)}` : '') +
        (f.resource !== undefined ? `\n    resource ${JSON.stringify(f.resource)}` : ''),
    );
    return head + fired.join('');
  }
  if ('expired' in line)
    return `expired ${line.expired.trigger}: ${line.expired.dependency}=${line.expired.event} at ${line.expired.at}`;
  if ('reset' in line)
    return `reset ${line.reset.trigger} at ${line.reset.at}: dropped ${line.reset.dropped.map((d) => `${d.dependency}=${d.event}`).join(' ') || 'nothing'}`;
  if ('released' in line)
    return `released at ${line.released.at}: ${line.released.fired.map((f) => f.trigger).join(', ')}`;
  return `failed ${line.failed.trigger}: ${line.failed.error}`;
}

export function runSimulate(
  opts: { filename: string; events: string; human?: boolean },
  out: (s: string) => void = console.log,
): void {
  const sensor = loadSensor(opts.filename);
  const events = readEventsFile(opts.events);
  const first = events.map((e) => (e.time ? Date.parse(e.time) : NaN)).find((t) => !Number.isNaN(t));
  const sim = new Simulation(
    { namespace: namespaceOf(sensor), name: sensor.metadata.name },
    sensor.spec,
    first ?? 0,
  );
  for (const e of events) {
    for (const line of sim.push(e)) out(opts.human ? human(line) : JSON.stringify(line));
  }
}
