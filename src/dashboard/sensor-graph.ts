// A Sensor drawn as dependencies → conditions → triggers, as inline SVG built on the server
// (no script needed). Each trigger gets one condition node (its `conditions`, or "all of" the
// dependencies it names); edges join each dependency to the conditions that mention it.
import { compileSensor } from '../engine/compile-sensor.js';
import type { SensorSpec } from '../vocabulary/manifest-types.js';
import { html, type Html } from './html.js';

const COL_X = [10, 290, 570];
const BOX_W = 230;
const BOX_H = 46;
const GAP = 18;
/** room for the column titles */
const TOP = 26;

interface Box {
  x: number;
  y: number;
  title: string;
  sub: string;
  cls: string;
}

function clip(s: string, n = 34): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function box(b: Box): Html {
  return html`<g class="node ${b.cls}"
    ><rect x="${b.x}" y="${b.y}" width="${BOX_W}" height="${BOX_H}" rx="6"></rect
    ><text x="${b.x + 10}" y="${b.y + 19}" class="title">${clip(b.title)}</text
    ><text x="${b.x + 10}" y="${b.y + 36}" class="sub">${clip(b.sub, 38)}</text
    ><title>${b.title} — ${b.sub}</title></g
  >`;
}

function edge(from: Box, to: Box): Html {
  const x1 = from.x + BOX_W;
  const y1 = from.y + BOX_H / 2;
  const x2 = to.x;
  const y2 = to.y + BOX_H / 2;
  const mid = (x1 + x2) / 2;
  return html`<path
    class="edge"
    d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}"
    marker-end="url(#arrow)"
  ></path>`;
}

export function sensorGraph(spec: SensorSpec): Html {
  const compiled = compileSensor(spec);
  const deps = compiled.dependencies;
  const triggers = compiled.triggers;
  const rows = Math.max(deps.length, triggers.length, 1);
  const height = TOP + rows * (BOX_H + GAP);
  const colY = (i: number, n: number) => TOP + i * (BOX_H + GAP) + ((rows - n) * (BOX_H + GAP)) / 2;
  const depBoxes = new Map<string, Box>();
  deps.forEach((d, i) =>
    depBoxes.set(d.name, {
      x: COL_X[0]!,
      y: colY(i, deps.length),
      title: d.name,
      sub: `${d.eventSourceName} / ${d.eventName}${d.filters ? ' · filtered' : ''}`,
      cls: 'dependency',
    }),
  );
  const parts: Html[] = [];
  triggers.forEach((t, i) => {
    const y = colY(i, triggers.length);
    const conditions =
      typeof t.trigger.template?.conditions === 'string' && t.trigger.template.conditions.trim() !== ''
        ? t.trigger.template.conditions
        : t.dependencies.join(' && ') || '(none)';
    const cond: Box = {
      x: COL_X[1]!,
      y,
      title: conditions,
      sub: t.windowMs !== undefined ? `window ${t.trigger.template?.correlationWindow}` : 'conditions',
      cls: 'condition',
    };
    const trig: Box = {
      x: COL_X[2]!,
      y,
      title: t.name,
      sub: `${t.type}${t.trigger.dlqTrigger ? ' · dlqTrigger' : ''}${t.broken ? ' · broken' : ''}`,
      cls: t.broken ? 'trigger broken' : 'trigger',
    };
    for (const name of t.dependencies) {
      const d = depBoxes.get(name);
      if (d) parts.push(edge(d, cond));
    }
    parts.push(edge(cond, trig), box(cond), box(trig));
  });
  for (const b of depBoxes.values()) parts.push(box(b));
  const width = COL_X[2]! + BOX_W + 10;
  return html`<svg
    class="graph"
    role="img"
    aria-label="dependencies, conditions and triggers"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
    xmlns="http://www.w3.org/2000/svg"
  >
    <defs>
      <marker
        id="arrow"
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="7"
        markerHeight="7"
        orient="auto-start-reverse"
      >
        <path d="M0,0 L10,5 L0,10 z"></path>
      </marker>
    </defs>
    <text x="${COL_X[0]}" y="16" class="col">dependencies</text>
    <text x="${COL_X[1]}" y="16" class="col">conditions</text>
    <text x="${COL_X[2]}" y="16" class="col">triggers</text>
    ${parts}
  </svg>`;
}
