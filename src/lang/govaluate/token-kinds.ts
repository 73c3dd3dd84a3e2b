// Token kinds and govaluate's grammar as a transition table: which kind may follow which, and
// which kinds may end an expression. The tokenizer also consults it to tell prefix `-` from minus.

export type TokenKind =
  | 'UNKNOWN'
  | 'PREFIX'
  | 'NUMERIC'
  | 'BOOLEAN'
  | 'STRING'
  | 'PATTERN'
  | 'TIME'
  | 'VARIABLE'
  | 'FUNCTION'
  | 'SEPARATOR'
  | 'ACCESSOR'
  | 'COMPARATOR'
  | 'LOGICALOP'
  | 'MODIFIER'
  | 'CLAUSE'
  | 'CLAUSE_CLOSE'
  | 'TERNARY';

const VALUE_START: TokenKind[] = [
  'PREFIX',
  'NUMERIC',
  'BOOLEAN',
  'VARIABLE',
  'PATTERN',
  'FUNCTION',
  'ACCESSOR',
  'STRING',
  'TIME',
  'CLAUSE',
];
const AFTER_LITERAL: TokenKind[] = [
  'MODIFIER',
  'COMPARATOR',
  'LOGICALOP',
  'CLAUSE_CLOSE',
  'TERNARY',
  'SEPARATOR',
];

interface State {
  canEnd: boolean;
  next: ReadonlySet<TokenKind>;
}

const state = (canEnd: boolean, next: TokenKind[]): State => ({ canEnd, next: new Set(next) });

// Transcribed from govaluate's lexer states (including its oddities, e.g. TIME cannot precede `?`).
const STATES: Record<TokenKind, State> = {
  UNKNOWN: state(false, VALUE_START),
  CLAUSE: state(false, [...VALUE_START, 'CLAUSE_CLOSE']),
  CLAUSE_CLOSE: state(true, [
    'COMPARATOR',
    'MODIFIER',
    'NUMERIC',
    'BOOLEAN',
    'VARIABLE',
    'STRING',
    'PATTERN',
    'TIME',
    'CLAUSE',
    'CLAUSE_CLOSE',
    'LOGICALOP',
    'TERNARY',
    'SEPARATOR',
  ]),
  NUMERIC: state(true, AFTER_LITERAL),
  BOOLEAN: state(true, AFTER_LITERAL),
  STRING: state(true, AFTER_LITERAL),
  TIME: state(true, ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'SEPARATOR']),
  PATTERN: state(true, ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'SEPARATOR']),
  VARIABLE: state(true, AFTER_LITERAL),
  MODIFIER: state(false, [
    'PREFIX',
    'NUMERIC',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'STRING',
    'BOOLEAN',
    'CLAUSE',
    'CLAUSE_CLOSE',
  ]),
  COMPARATOR: state(false, [
    'PREFIX',
    'NUMERIC',
    'BOOLEAN',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'STRING',
    'TIME',
    'CLAUSE',
    'CLAUSE_CLOSE',
    'PATTERN',
  ]),
  LOGICALOP: state(false, [
    'PREFIX',
    'NUMERIC',
    'BOOLEAN',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'STRING',
    'TIME',
    'CLAUSE',
    'CLAUSE_CLOSE',
  ]),
  PREFIX: state(false, ['NUMERIC', 'BOOLEAN', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'CLAUSE', 'CLAUSE_CLOSE']),
  TERNARY: state(false, [
    'PREFIX',
    'NUMERIC',
    'BOOLEAN',
    'STRING',
    'TIME',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'CLAUSE',
    'SEPARATOR',
  ]),
  FUNCTION: state(false, ['CLAUSE']),
  ACCESSOR: state(true, [
    'CLAUSE',
    'MODIFIER',
    'COMPARATOR',
    'LOGICALOP',
    'CLAUSE_CLOSE',
    'TERNARY',
    'SEPARATOR',
  ]),
  SEPARATOR: state(false, [
    'PREFIX',
    'NUMERIC',
    'BOOLEAN',
    'STRING',
    'TIME',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'CLAUSE',
  ]),
};

export function canFollow(previous: TokenKind, next: TokenKind): boolean {
  return STATES[previous].next.has(next);
}

export function canEndExpression(last: TokenKind): boolean {
  return STATES[last].canEnd;
}
