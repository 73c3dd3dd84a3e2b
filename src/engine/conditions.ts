// Trigger `conditions`: dependency names joined by &&, || and parentheses. Names may contain '-'
// (Argo rewrites them before handing the expression to govaluate; we parse them directly).

export type ConditionNode =
  { op: 'dep'; name: string } | { op: 'and' | 'or'; left: ConditionNode; right: ConditionNode };

export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
    this.name = 'ConditionSyntaxError';
  }
}

type Token = { kind: 'name'; text: string; col: number } | { kind: '&&' | '||' | '(' | ')'; col: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      tokens.push({ kind: src.slice(i, i + 2) as '&&' | '||', col: i + 1 });
      i += 2;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c, col: i + 1 });
      i++;
    } else if (/[A-Za-z0-9_.:-]/.test(c)) {
      const start = i;
      while (i < src.length && /[A-Za-z0-9_.:-]/.test(src[i]!)) i++;
      tokens.push({ kind: 'name', text: src.slice(start, i), col: start + 1 });
    } else {
      throw new ConditionSyntaxError(
        `unexpected character ${JSON.stringify(c)} at column ${i + 1}: conditions use dependency names, &&, || and parentheses`,
        i + 1,
      );
    }
  }
  return tokens;
}

/** Parses a conditions expression; `||` binds looser than `&&`, as in govaluate. */
export function parseConditions(src: string): ConditionNode {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (what: string): never => {
    const t = peek();
    const col = t ? t.col : src.length + 1;
    throw new ConditionSyntaxError(`${what} at column ${col} of ${JSON.stringify(src)}`, col);
  };
  const parseOr = (): ConditionNode => {
    let left = parseAnd();
    while (peek()?.kind === '||') {
      pos++;
      left = { op: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): ConditionNode => {
    let left = parseAtom();
    while (peek()?.kind === '&&') {
      pos++;
      left = { op: 'and', left, right: parseAtom() };
    }
    return left;
  };
  const parseAtom = (): ConditionNode => {
    const t = peek();
    if (!t) return fail('expected a dependency name or "("');
    if (t.kind === 'name') {
      pos++;
      return { op: 'dep', name: t.text };
    }
    if (t.kind === '(') {
      pos++;
      const inner = parseOr();
      if (peek()?.kind !== ')') fail('expected ")"');
      pos++;
      return inner;
    }
    return fail(`unexpected "${t.kind}"`);
  };
  if (tokens.length === 0) throw new ConditionSyntaxError('conditions expression is empty', 1);
  const tree = parseOr();
  if (pos < tokens.length) fail('unexpected text after the end of the expression');
  return tree;
}

/** The default when a trigger has no conditions: every dependency of the Sensor, ANDed. */
export function allOf(names: readonly string[]): ConditionNode {
  const [first, ...rest] = names;
  if (first === undefined) throw new ConditionSyntaxError('a Sensor needs at least one dependency', 1);
  return rest.reduce<ConditionNode>((acc, name) => ({ op: 'and', left: acc, right: { op: 'dep', name } }), {
    op: 'dep',
    name: first,
  });
}

export function conditionNames(node: ConditionNode, out: string[] = []): string[] {
  if (node.op === 'dep') {
    if (!out.includes(node.name)) out.push(node.name);
  } else {
    conditionNames(node.left, out);
    conditionNames(node.right, out);
  }
  return out;
}

export function hasAnd(node: ConditionNode): boolean {
  return node.op === 'and' || (node.op === 'or' && (hasAnd(node.left) || hasAnd(node.right)));
}

export function evaluateConditions(node: ConditionNode, present: (name: string) => boolean): boolean {
  switch (node.op) {
    case 'dep':
      return present(node.name);
    case 'and':
      return evaluateConditions(node.left, present) && evaluateConditions(node.right, present);
    case 'or':
      return evaluateConditions(node.left, present) || evaluateConditions(node.right, present);
  }
}
