// Recursive-descent parser following text/template/parse/parse.go, including its checks
// (undefined functions and variables, break outside range, literal pipeline stages) and
// error wording, so that a template Go rejects is rejected here at compile time too.

import type {
  ArgNode,
  CommandNode,
  IfNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  RangeNode,
  TemplateNode,
} from './ast.js';
import { lineCol, TEMPLATE_NAME } from './errors.js';
import { parseGoFloat, parseGoInt } from '../go/parse-number.js';
import { unquoteGoChar, unquoteGoString } from './encoding/unquote.js';
import { lex, Tok, type Token } from './lexer.js';

export class ParseFail extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface FunctionLookup {
  /** undefined when the function exists; otherwise the reason it cannot be used. */
  check(name: string): { goMessage: string; hint?: string } | undefined;
}

export interface ParsedTemplate {
  root: ListNode;
  defines: Map<string, ListNode>;
  /** Every function name the template calls, for compile-time decisions. */
  functions: Set<string>;
}

const MAX_PAREN_DEPTH = 1000;

function isEmptyTree(n: Node | undefined): boolean {
  if (!n) return true;
  switch (n.kind) {
    case 'comment':
      return true;
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    default:
      return false;
  }
}

class TreeParser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private parenDepth = 0;
  /** Start of the action being parsed, for "in action started at" in lexer errors. */
  private actionPos: number | undefined;

  constructor(
    private readonly src: string,
    private readonly toks: Token[],
    private readonly funcs: FunctionLookup,
    private readonly out: ParsedTemplate,
  ) {}

  private next(): Token {
    const t = this.toks[this.i] ?? this.toks[this.toks.length - 1]!;
    if (this.i < this.toks.length - 1 || t.t !== Tok.EOF) this.i++;
    return t;
  }
  private backup(): void {
    this.i--;
  }
  private peek(): Token {
    return this.toks[this.i] ?? this.toks[this.toks.length - 1]!;
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.t === Tok.Space) t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }
  /** Position of the token just consumed, for error lines. */
  private lastPos(): number {
    return (this.toks[Math.max(0, this.i - 1)] ?? this.peek()).pos;
  }

  private errorf(msg: string, pos = this.lastPos(), hint?: string): never {
    throw new ParseFail(msg, pos, hint);
  }

  private unexpected(tok: Token, context: string): never {
    if (tok.t === Tok.Error) {
      let extra = '';
      if (this.actionPos !== undefined) {
        const started = lineCol(this.src, this.actionPos).line;
        if (started !== lineCol(this.src, tok.pos).line) {
          extra = tok.val.endsWith(' action')
            ? ` started at ${TEMPLATE_NAME}:${started}`
            : ` in action started at ${TEMPLATE_NAME}:${started}`;
        }
      }
      this.errorf(tok.val + extra, tok.pos);
    }
    this.errorf(`unexpected ${tokenString(tok)} in ${context}`, tok.pos);
  }

  private expect(t: Tok, context: string): Token {
    const tok = this.nextNonSpace();
    if (tok.t !== t) this.unexpected(tok, context);
    return tok;
  }

  parseTop(): ListNode {
    const root: ListNode = { kind: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().t !== Tok.EOF) {
      if (this.peek().t === Tok.LeftDelim) {
        const save = this.i;
        this.next();
        if (this.nextNonSpace().t === Tok.Define) {
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else')
        this.errorf(`unexpected ${n.kind === 'end' ? '{{end}}' : '{{else}}'}`, n.pos);
      root.nodes.push(n as Node);
    }
    return root;
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.t !== Tok.String && nameTok.t !== Tok.RawString) this.unexpected(nameTok, context);
    const name = this.unquote(nameTok);
    this.expect(Tok.RightDelim, context);
    this.addTree(name, this.definitionBody(context), nameTok.pos);
  }

  /** The body of a define or block: its own variable scope, outside any range, up to {{end}}. */
  private definitionBody(context: string): ListNode {
    const savedVars = this.vars;
    const savedRange = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const { list, end } = this.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected {{else}} in ${context}`, end.pos);
    this.vars = savedVars;
    this.rangeDepth = savedRange;
    return list;
  }

  private addTree(name: string, list: ListNode, pos: number): void {
    const existing = name === TEMPLATE_NAME ? undefined : this.out.defines.get(name);
    if (existing && !isEmptyTree(existing) && !isEmptyTree(list)) {
      this.errorf(`template: multiple definition of template ${JSON.stringify(name)}`, pos);
    }
    if (!existing || isEmptyTree(existing)) this.out.defines.set(name, list);
  }

  private itemList(): { list: ListNode; end: { kind: 'end' | 'else'; pos: number; elseIf?: Tok } } {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().t !== Tok.EOF) {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else')
        return { list, end: n as { kind: 'end' | 'else'; pos: number } };
      list.nodes.push(n as Node);
    }
    this.errorf('unexpected EOF', this.peek().pos);
  }

  private textOrAction(): Node | { kind: 'end' | 'else'; pos: number } {
    const tok = this.nextNonSpace();
    switch (tok.t) {
      case Tok.Text:
        return { kind: 'text', pos: tok.pos, text: tok.val };
      case Tok.LeftDelim: {
        this.actionPos = tok.pos;
        try {
          return this.action();
        } finally {
          this.actionPos = undefined;
        }
      }
      default:
        this.unexpected(tok, 'input');
    }
  }

  private action(): Node | { kind: 'end' | 'else'; pos: number } {
    const tok = this.nextNonSpace();
    switch (tok.t) {
      case Tok.Block:
        return this.blockControl();
      case Tok.Break:
      case Tok.Continue: {
        const word = tok.t === Tok.Break ? 'break' : 'continue';
        const t2 = this.nextNonSpace();
        if (t2.t !== Tok.RightDelim) this.unexpected(t2, `{{${word}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`, tok.pos);
        return { kind: word, pos: tok.pos };
      }
      case Tok.Else: {
        const p = this.peekNonSpace();
        if (p.t === Tok.If || p.t === Tok.With) {
          this.skipSpaces();
          return { kind: 'else', pos: p.pos };
        }
        const t2 = this.expect(Tok.RightDelim, 'else');
        return { kind: 'else', pos: t2.pos };
      }
      case Tok.End: {
        const t2 = this.expect(Tok.RightDelim, 'end');
        return { kind: 'end', pos: t2.pos };
      }
      case Tok.If:
        return this.control('if');
      case Tok.Range:
        return this.control('range');
      case Tok.With:
        return this.control('with');
      case Tok.Template:
        return this.templateControl();
    }
    this.backup();
    const p = this.peek();
    return { kind: 'action', pos: p.pos, pipe: this.pipeline('command', Tok.RightDelim) };
  }

  private control(context: 'if' | 'range' | 'with'): IfNode | RangeNode {
    const varMark = this.vars.length;
    const pipe = this.pipeline(context, Tok.RightDelim);
    if (context === 'range') this.rangeDepth++;
    const { list, end } = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (end.kind === 'else') {
      const peek = this.peek();
      if (context === 'if' && peek.t === Tok.If) {
        this.next();
        elseList = { kind: 'list', pos: end.pos, nodes: [this.control('if')] };
      } else if (context === 'with' && peek.t === Tok.With) {
        this.next();
        elseList = { kind: 'list', pos: end.pos, nodes: [this.control('with')] };
      } else {
        const r = this.itemList();
        elseList = r.list;
        if (r.end.kind !== 'end') this.errorf('expected end; found {{else}}', r.end.pos);
      }
    }
    this.vars.length = varMark;
    if (context === 'range') return { kind: 'range', pos: pipe.pos, pipe, list, elseList };
    return { kind: context, pos: pipe.pos, pipe, list, elseList };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const tok = this.nextNonSpace();
    const name = this.templateName(tok, context);
    const pipe = this.pipeline(context, Tok.RightDelim);
    this.addTree(name, this.definitionBody(context), tok.pos);
    return { kind: 'template', pos: tok.pos, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const tok = this.nextNonSpace();
    const name = this.templateName(tok, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().t !== Tok.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, Tok.RightDelim);
    }
    return { kind: 'template', pos: tok.pos, name, pipe };
  }

  private templateName(tok: Token, context: string): string {
    if (tok.t !== Tok.String && tok.t !== Tok.RawString) this.unexpected(tok, context);
    return this.unquote(tok);
  }

  private unquote(tok: Token): string {
    try {
      return unquoteGoString(tok.val);
    } catch {
      this.errorf('invalid syntax', tok.pos);
    }
  }

  private pipeline(context: string, end: Tok): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', pos: first.pos, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.t !== Tok.Variable) break;
      const save = this.i;
      this.nextNonSpace();
      const nextTok = this.peekNonSpace();
      if (nextTok.t === Tok.Assign || nextTok.t === Tok.Declare) {
        pipe.isAssign = nextTok.t === Tok.Assign;
        this.nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: v.pos, idents: [v.val] });
        this.vars.push(v.val);
        break;
      }
      if (nextTok.t === Tok.Char && nextTok.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: v.pos, idents: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace();
          if (p.t === Tok.Variable || p.t === Tok.RightDelim || p.t === Tok.RightParen) continue;
          this.errorf('range can only initialize variables', p.pos);
        }
        this.errorf(`too many declarations in ${context}`, nextTok.pos);
      }
      this.i = save;
      break;
    }
    for (;;) {
      const tok = this.nextNonSpace();
      if (tok.t === end) {
        this.checkPipeline(pipe, context, tok.pos);
        return pipe;
      }
      switch (tok.t) {
        case Tok.Bool:
        case Tok.CharConstant:
        case Tok.Complex:
        case Tok.Dot:
        case Tok.Field:
        case Tok.Identifier:
        case Tok.Number:
        case Tok.Nil:
        case Tok.RawString:
        case Tok.String:
        case Tok.Variable:
        case Tok.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(tok, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, pos: number): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`, pos);
    pipe.cmds.slice(1).forEach((c, i) => {
      const k = c.args[0]?.kind;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`, c.pos);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.skipSpaces();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const tok = this.next();
      if (tok.t === Tok.Space) continue;
      if (tok.t === Tok.RightDelim || tok.t === Tok.RightParen) this.backup();
      else if (tok.t !== Tok.Pipe) this.unexpected(tok, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command', cmd.pos);
    return cmd;
  }

  private skipSpaces(): void {
    while (this.peek().t === Tok.Space) this.next();
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().t !== Tok.Field) return node;
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().t === Tok.Field) fields.push(this.next().val.slice(1));
    switch (node.kind) {
      case 'field':
        // Go positions a chained field at its second segment; errors quote that column.
        return { kind: 'field', pos: chainPos, idents: [...node.idents, ...fields] };
      case 'variable':
        return { kind: 'variable', pos: chainPos, idents: [...node.idents, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.errorf(`unexpected . after term ${JSON.stringify(nodeText(node))}`, chainPos);
      default:
        return { kind: 'chain', pos: chainPos, node, fields };
    }
  }

  private term(): ArgNode | undefined {
    const tok = this.nextNonSpace();
    switch (tok.t) {
      case Tok.Identifier: {
        const problem = this.funcs.check(tok.val);
        if (problem) throw new ParseFail(problem.goMessage, tok.pos, problem.hint);
        this.out.functions.add(tok.val);
        return { kind: 'identifier', pos: tok.pos, name: tok.val };
      }
      case Tok.Dot:
        return { kind: 'dot', pos: tok.pos };
      case Tok.Nil:
        return { kind: 'nil', pos: tok.pos };
      case Tok.Variable: {
        const name = tok.val.split('.')[0]!;
        if (!this.vars.includes(name)) this.errorf(`undefined variable ${JSON.stringify(name)}`, tok.pos);
        return { kind: 'variable', pos: tok.pos, idents: [tok.val] };
      }
      case Tok.Field:
        return { kind: 'field', pos: tok.pos, idents: [tok.val.slice(1)] };
      case Tok.Bool:
        return { kind: 'bool', pos: tok.pos, value: tok.val === 'true' };
      case Tok.CharConstant:
      case Tok.Complex:
      case Tok.Number:
        return this.number(tok);
      case Tok.LeftParen: {
        if (this.parenDepth >= MAX_PAREN_DEPTH) this.errorf('max expression depth exceeded', tok.pos);
        this.parenDepth++;
        const p = this.pipeline('parenthesized pipeline', Tok.RightParen);
        this.parenDepth--;
        return p;
      }
      case Tok.String:
      case Tok.RawString:
        return { kind: 'string', pos: tok.pos, quoted: tok.val, text: this.unquote(tok) };
    }
    this.backup();
    return undefined;
  }

  private number(tok: Token): NumberNode {
    const text = tok.val;
    const n: NumberNode = {
      kind: 'number',
      pos: tok.pos,
      text,
      isInt: false,
      isFloat: false,
      intValue: 0,
      floatValue: 0,
      idealFloat: false,
    };
    if (tok.t === Tok.CharConstant) {
      let r: number;
      try {
        r = unquoteGoChar(text);
      } catch {
        this.errorf(`malformed character constant: ${text}`, tok.pos);
      }
      n.isInt = n.isFloat = true;
      n.intValue = n.floatValue = r;
      return n;
    }
    if (tok.t === Tok.Complex || text.endsWith('i')) {
      this.errorf(`complex number ${text} is not supported`, tok.pos);
    }
    const u = parseGoInt(text, 0, false);
    const i = parseGoInt(text);
    let isUint = u.ok;
    if (i.ok) {
      n.isInt = true;
      n.intValue = Number(i.value);
    }
    if (n.isInt) {
      n.isFloat = true;
      n.floatValue = n.intValue;
    } else if (isUint) {
      n.isFloat = true;
      n.floatValue = Number(u.value);
    } else {
      const f = parseGoFloat(text);
      if (f.ok) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${JSON.stringify(text)}`, tok.pos);
        n.isFloat = true;
        n.floatValue = f.value;
        if (Number.isInteger(f.value) && Math.abs(f.value) < 2 ** 63) {
          n.isInt = true;
          n.intValue = f.value;
        }
        if (Number.isInteger(f.value) && f.value >= 0 && f.value < 2 ** 64) isUint = true;
      }
    }
    if (!n.isInt && !isUint && !n.isFloat)
      this.errorf(`illegal number syntax: ${JSON.stringify(text)}`, tok.pos);
    const hexInt =
      text.length > 2 && text[0] === '0' && (text[1] === 'x' || text[1] === 'X') && !/[pP]/.test(text);
    n.idealFloat = n.isFloat && !hexInt && /[.eEpP]/.test(text);
    if (!n.idealFloat && !n.isInt) {
      // Go: a uint beyond int64 "overflows int" when used as a value.
      n.idealFloat = false;
    }
    return n;
  }
}

function nodeText(n: ArgNode): string {
  switch (n.kind) {
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'nil':
      return 'nil';
    default:
      return '.';
  }
}

function tokenString(tok: Token): string {
  switch (tok.t) {
    case Tok.EOF:
      return 'EOF';
    case Tok.Error:
      return tok.val;
  }
  if (tok.t >= Tok.Block) return `<${tok.val}>`;
  // Go prints %q, or %.10q... for long values.
  const runes = [...tok.val];
  if (runes.length > 10) return `${JSON.stringify(runes.slice(0, 10).join(''))}...`;
  return JSON.stringify(tok.val);
}

export function parseTemplate(src: string, funcs: FunctionLookup): ParsedTemplate {
  const toks = lex(src, { breakOK: true, continueOK: true });
  const out: ParsedTemplate = {
    root: { kind: 'list', pos: 0, nodes: [] },
    defines: new Map(),
    functions: new Set(),
  };
  const p = new TreeParser(src, toks, funcs, out);
  out.root = p.parseTop();
  // A {{define "param"}} body is used when the top level is empty, as in Go.
  const own = out.defines.get(TEMPLATE_NAME);
  if (own && isEmptyTree(out.root)) out.root = own;
  else if (own && !isEmptyTree(own) && !isEmptyTree(out.root)) {
    throw new ParseFail(`template: multiple definition of template ${JSON.stringify(TEMPLATE_NAME)}`, 0);
  }
  out.defines.set(TEMPLATE_NAME, out.root);
  return out;
}
