// Parse tree, shaped like text/template/parse's nodes. `toString` renders nodes the way Go's
// Node.String() does, because Go quotes them in execution errors ("at <.Input.a.b>").

interface TextNode {
  kind: 'text';
  pos: number;
  text: string;
}
interface ActionNode {
  kind: 'action';
  pos: number;
  pipe: PipeNode;
}
interface CommentNode {
  kind: 'comment';
  pos: number;
}
export interface IfNode {
  kind: 'if' | 'with';
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | undefined;
}
export interface RangeNode {
  kind: 'range';
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | undefined;
}
export interface TemplateNode {
  kind: 'template';
  pos: number;
  name: string;
  pipe: PipeNode | undefined;
}
interface BreakNode {
  kind: 'break' | 'continue';
  pos: number;
}
export interface ListNode {
  kind: 'list';
  pos: number;
  nodes: Node[];
}

export type Node =
  TextNode | ActionNode | CommentNode | IfNode | RangeNode | TemplateNode | BreakNode | ListNode;

export interface PipeNode {
  kind: 'pipe';
  pos: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode {
  kind: 'command';
  pos: number;
  args: ArgNode[];
}
export interface FieldNode {
  kind: 'field';
  pos: number;
  idents: string[];
}
export interface VariableNode {
  kind: 'variable';
  pos: number;
  /** idents[0] is the variable name including `$`; the rest are field names. */
  idents: string[];
}
export interface ChainNode {
  kind: 'chain';
  pos: number;
  node: ArgNode;
  fields: string[];
}
export interface IdentifierNode {
  kind: 'identifier';
  pos: number;
  name: string;
}
interface DotNode {
  kind: 'dot';
  pos: number;
}
interface NilNode {
  kind: 'nil';
  pos: number;
}
interface BoolNode {
  kind: 'bool';
  pos: number;
  value: boolean;
}
interface StringNode {
  kind: 'string';
  pos: number;
  quoted: string;
  text: string;
}
export interface NumberNode {
  kind: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isFloat: boolean;
  intValue: number;
  floatValue: number;
  /** Go's idealConstant yields float64 (not int) for this literal, e.g. `2.0` or `1e3`. */
  idealFloat: boolean;
}

export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | StringNode
  | NumberNode
  | PipeNode;

export type AnyNode = Node | ArgNode | CommandNode;

export function nodeToString(n: AnyNode): string {
  switch (n.kind) {
    case 'text':
      return n.text;
    case 'comment':
      return '{{/* */}}';
    case 'action':
      return `{{${nodeToString(n.pipe)}}}`;
    case 'if':
    case 'with':
    case 'range': {
      let s = `{{${n.kind} ${nodeToString(n.pipe)}}}${nodeToString(n.list)}`;
      if (n.elseList) s += `{{else}}${nodeToString(n.elseList)}`;
      return `${s}{{end}}`;
    }
    case 'template':
      return n.pipe
        ? `{{template ${JSON.stringify(n.name)} ${nodeToString(n.pipe)}}}`
        : `{{template ${JSON.stringify(n.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'list':
      return n.nodes.map(nodeToString).join('');
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) {
        s = n.decl.map(nodeToString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      }
      return s + n.cmds.map(nodeToString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeToString(a)})` : nodeToString(a))).join(' ');
    case 'field':
      return n.idents.map((i) => '.' + i).join('');
    case 'variable':
      return n.idents.join('.');
    case 'chain': {
      const base = n.node.kind === 'pipe' ? `(${nodeToString(n.node)})` : nodeToString(n.node);
      return base + n.fields.map((f) => '.' + f).join('');
    }
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
  }
}
