// Syntax tree of a jq program. `at` is the source offset used in compile-time error messages.

export type Node =
  | { type: 'identity'; at: number }
  | { type: 'recurseDefault'; at: number } // `..`
  | { type: 'literal'; at: number; value: unknown }
  | { type: 'string'; at: number; parts: (string | Node)[]; format: string | null } // interpolated
  | { type: 'format'; at: number; name: string } // bare @base64
  | { type: 'index'; at: number; target: Node; key: Node } // target[key], incl. .foo
  | { type: 'slice'; at: number; target: Node; from: Node | null; to: Node | null }
  | { type: 'iterate'; at: number; target: Node } // target[]
  | { type: 'try'; at: number; body: Node; handler: Node | null } // also `?`
  | { type: 'pipe'; at: number; left: Node; right: Node }
  | { type: 'comma'; at: number; left: Node; right: Node }
  | { type: 'neg'; at: number; operand: Node }
  | { type: 'binop'; at: number; op: BinOp; left: Node; right: Node }
  | { type: 'and'; at: number; left: Node; right: Node }
  | { type: 'or'; at: number; left: Node; right: Node }
  | { type: 'alt'; at: number; left: Node; right: Node } // `//`
  | { type: 'update'; at: number; op: UpdateOp; left: Node; right: Node }
  | { type: 'array'; at: number; body: Node | null }
  | { type: 'object'; at: number; entries: ObjectEntry[] }
  | { type: 'if'; at: number; cond: Node; then: Node; otherwise: Node | null }
  | { type: 'reduce'; at: number; source: Node; pattern: Pattern; init: Node; update: Node }
  | {
      type: 'foreach';
      at: number;
      source: Node;
      pattern: Pattern;
      init: Node;
      update: Node;
      extract: Node | null;
    }
  | { type: 'bind'; at: number; source: Node; patterns: Pattern[]; body: Node } // source as $x ?// … | body
  | { type: 'funcDef'; at: number; def: FuncDef; rest: Node }
  | { type: 'call'; at: number; name: string; args: Node[] }
  | { type: 'var'; at: number; name: string }
  | { type: 'label'; at: number; name: string; body: Node }
  | { type: 'break'; at: number; name: string };

export type BinOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=';
export type UpdateOp = '=' | '|=' | '+=' | '-=' | '*=' | '/=' | '%=' | '//=';

export interface FuncDef {
  name: string;
  /** Parameter names; a `$name` parameter keeps its `$`. */
  params: string[];
  body: Node;
  at: number;
}

export interface ObjectEntry {
  key: Node; // evaluates to the key string(s)
  value: Node; // evaluated against the object's input
}

export type Pattern =
  | { type: 'var'; name: string; at: number }
  | { type: 'array'; elements: Pattern[]; at: number }
  | { type: 'object'; entries: { key: Node; keyVar: string | null; value: Pattern | null }[]; at: number };
