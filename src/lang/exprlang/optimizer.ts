// The rewrites expr applies after type checking that change what a program does, not just how
// fast: constant folding (so `a or 1 == 1` is true without reading `a`, and `x and true` returns x
// unchecked), a compile-time error for an integer literal `% 0`, and `x in ["a", "b"]` becoming a
// string-set lookup (where a non-string x is an error and nil looks up "").

import type { Node } from './ast.js';
import { ExprLangError } from './errors.js';
import { goPow } from '../go/math.js';
import { wrapInt } from './values.js';

const MAX_PASSES = 1000;

export function optimize(root: Node, src: string): Node {
  let node = rewrite(root, inArrayToSet);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const state = { changed: false };
    node = rewrite(node, (n) => fold(n, src, state));
    if (!state.changed) break;
  }
  return node;
}

/** Rebuilds the tree bottom-up, applying f to every node after its children. */
function rewrite(node: Node, f: (n: Node) => Node): Node {
  const r = (n: Node): Node => rewrite(n, f);
  let copy: Node;
  switch (node.k) {
    case 'unary':
      copy = { ...node, node: r(node.node) };
      break;
    case 'binary':
      copy = { ...node, left: r(node.left), right: r(node.right) };
      break;
    case 'member':
      copy = { ...node, node: r(node.node), prop: r(node.prop) };
      break;
    case 'chain':
    case 'closure':
      copy = { ...node, node: r(node.node) };
      break;
    case 'slice':
      copy = { ...node, node: r(node.node), from: node.from && r(node.from), to: node.to && r(node.to) };
      break;
    case 'call':
      copy = { ...node, callee: r(node.callee), args: node.args.map(r) };
      break;
    case 'builtin':
      copy = { ...node, args: node.args.map(r) };
      break;
    case 'let':
      copy = { ...node, value: r(node.value), body: r(node.body) };
      break;
    case 'cond':
      copy = { ...node, cond: r(node.cond), then: r(node.then), else: r(node.else) };
      break;
    case 'array':
      copy = { ...node, items: node.items.map(r) };
      break;
    case 'map':
      copy = { ...node, pairs: node.pairs.map((p) => ({ key: r(p.key), value: r(p.value) })) };
      break;
    default:
      copy = node;
  }
  return f(copy);
}

function inArrayToSet(n: Node): Node {
  if (n.k !== 'binary' || n.op !== 'in' || n.right.k !== 'array' || n.right.items.length === 0) return n;
  const values: string[] = [];
  for (const item of n.right.items) {
    if (item.k !== 'string') return n;
    values.push(item.value);
  }
  return { ...n, right: { k: 'stringSet', values: new Set(values), pos: n.right.pos } };
}

type Num = { k: 'int'; value: bigint } | { k: 'float'; value: number };

function numberNode(value: bigint | number, pos: number): Node {
  return typeof value === 'bigint' ? { k: 'int', value: wrapInt(value), pos } : { k: 'float', value, pos };
}

function fold(n: Node, src: string, state: { changed: boolean }): Node {
  const done = (out: Node): Node => {
    state.changed = true;
    return out;
  };
  if (n.k === 'unary') {
    const v = n.node;
    if ((n.op === '-' || n.op === '+') && (v.k === 'int' || v.k === 'float')) {
      const value = n.op === '+' ? v.value : v.k === 'int' ? -v.value : -v.value;
      return done(numberNode(value, n.pos));
    }
    if ((n.op === '!' || n.op === 'not') && v.k === 'bool')
      return done({ k: 'bool', value: !v.value, pos: n.pos });
    return n;
  }
  if (n.k !== 'binary') return n;
  const { left: l, right: r, pos } = n;
  const isNum = (x: Node): x is Node & Num => x.k === 'int' || x.k === 'float';
  switch (n.op) {
    case '+':
    case '-':
    case '*':
      if (n.op === '+' && l.k === 'string' && r.k === 'string')
        return done({ k: 'string', value: l.value + r.value, pos });
      if (isNum(l) && isNum(r)) {
        if (l.k === 'int' && r.k === 'int') {
          const [a, b] = [l.value, r.value];
          return done(numberNode(n.op === '+' ? a + b : n.op === '-' ? a - b : a * b, pos));
        }
        const [a, b] = [Number(l.value), Number(r.value)];
        return done(numberNode(n.op === '+' ? a + b : n.op === '-' ? a - b : a * b, pos));
      }
      return n;
    case '/':
      if (isNum(l) && isNum(r)) return done(numberNode(Number(l.value) / Number(r.value), pos));
      return n;
    case '%':
      if (l.k === 'int' && r.k === 'int') {
        if (r.value === 0n) throw new ExprLangError('integer divide by zero', src, pos);
        return done(numberNode(l.value % r.value, pos));
      }
      return n;
    case '**':
    case '^':
      if (isNum(l) && isNum(r)) return done(numberNode(goPow(Number(l.value), Number(r.value)), pos));
      return n;
    case 'and':
    case '&&':
      if (l.k === 'bool' && l.value) return done(r);
      if (r.k === 'bool' && r.value) return done(l);
      if ((l.k === 'bool' && !l.value) || (r.k === 'bool' && !r.value))
        return done({ k: 'bool', value: false, pos });
      return n;
    case 'or':
    case '||':
      if (l.k === 'bool' && !l.value) return done(r);
      if (r.k === 'bool' && !r.value) return done(l);
      if ((l.k === 'bool' && l.value) || (r.k === 'bool' && r.value))
        return done({ k: 'bool', value: true, pos });
      return n;
    case '==':
      if (
        (l.k === 'int' && r.k === 'int') ||
        (l.k === 'string' && r.k === 'string') ||
        (l.k === 'bool' && r.k === 'bool')
      ) {
        return done({ k: 'bool', value: l.value === r.value, pos });
      }
      return n;
    default:
      return n;
  }
}
