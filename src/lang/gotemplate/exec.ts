// Executes a parsed template the way text/template's exec.go does: same evaluation order,
// argument conversion (validateType/evalArg), truthiness, range semantics and error texts,
// including which node an error message points at.

import type {
  ArgNode,
  AnyNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  IfNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  RangeNode,
  TemplateNode,
  VariableNode,
} from './ast.js';
import { nodeToString } from './ast.js';
import {
  chargeWork,
  DeadlinePacer,
  MAX_STRING_BYTES,
  TEMPLATE_MAX_DEPTH,
  TEMPLATE_MAX_STEPS,
} from '../budget/index.js';
import { FuncError, GoTemplateError, lineCol, TEMPLATE_NAME } from './errors.js';
import { formatV } from './fmt/print.js';
import type { CallContext, FuncDef, FuncMap, ParamType } from './funcs/types.js';
import { canBeNil, goParamTypeName } from './funcs/types.js';
import { methodFor } from './funcs/methods.js';
import { GoTime } from './time/go-time.js';
import {
  GoInt,
  goTypeName,
  isGoMap,
  mapGet,
  mapType,
  sliceType,
  sortedKeys,
  type GoValue,
} from './values.js';
import { hintFor } from './hints.js';

const MISSING = Symbol('missing');
type Final = GoValue | typeof MISSING;

const BREAK = 1;
const CONTINUE = 2;
type Signal = 0 | typeof BREAK | typeof CONTINUE;

const MAX_TEMPLATE_DEPTH = TEMPLATE_MAX_DEPTH;
const MAX_STEPS = TEMPLATE_MAX_STEPS;
const MAX_OUTPUT = MAX_STRING_BYTES;
/** A function call (sprig, printf, …) costs about as much as this many node visits (measured). */
const FUNCTION_CALL_STEPS = 20;

interface Var {
  name: string;
  value: GoValue;
  /** Holds an element of an interface{} container, so Go types it `interface {}`. */
  wrapped: boolean;
}

export interface Program {
  src: string;
  root: ListNode;
  defines: Map<string, ListNode>;
}

/** A field-access result and whether Go sees it through an interface{}. */
interface Slot {
  value: GoValue;
  wrapped: boolean;
}

function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (v instanceof GoInt) return v.v !== 0;
  if (v instanceof GoTime) return true;
  if (Array.isArray(v)) return v.length > 0;
  for (const _ in v) return true;
  return false;
}

export class Executor {
  private vars: Var[];
  private node: AnyNode | undefined;
  private out = '';
  private depth = 0;
  private steps = 0;
  private readonly pacer = new DeadlinePacer();
  private tmplName = TEMPLATE_NAME;
  private readonly ctx: CallContext;

  constructor(
    private readonly prog: Program,
    private readonly funcs: FuncMap,
    private readonly builtins: FuncMap,
    data: GoValue,
    now: number,
  ) {
    this.vars = [{ name: '$', value: data, wrapped: false }];
    this.ctx = { now };
  }

  run(data: GoValue): string {
    try {
      this.walk(data, false, this.prog.root);
    } finally {
      chargeWork(this.steps);
    }
    return this.out;
  }

  // --- errors ---------------------------------------------------------------

  private errorf(msg: string, hint?: string): never {
    const n = this.node;
    if (!n) throw new GoTemplateError(`template: ${this.tmplName}: ${msg}`, 0, 0, hint ?? hintFor(msg));
    const { line, column } = lineCol(this.prog.src, n.pos);
    const ctx = nodeToString(n);
    const goMessage = `template: ${TEMPLATE_NAME}:${line}:${column}: executing ${JSON.stringify(this.tmplName)} at <${ctx}>: ${msg}`;
    throw new GoTemplateError(goMessage, line, column, hint ?? hintFor(msg));
  }

  private tick(n = 1): void {
    this.steps += n;
    if (this.steps > MAX_STEPS) {
      this.errorf(
        `execution exceeded its budget of ${MAX_STEPS} steps`,
        'the template loops over too much data; reduce the input or the nesting',
      );
    }
    this.pacer.reached(this.steps);
  }

  private write(s: string): void {
    this.out += s;
    if (this.out.length > MAX_OUTPUT) {
      this.errorf(`output exceeded ${MAX_OUTPUT} characters`, 'the template produces too much text');
    }
  }

  // --- variables ------------------------------------------------------------

  private push(name: string, value: GoValue, wrapped = false): void {
    this.vars.push({ name, value, wrapped });
  }

  private setVar(name: string, value: GoValue, wrapped = false): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) {
        v.value = value;
        v.wrapped = wrapped;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: GoValue, wrapped: boolean): void {
    const v = this.vars[this.vars.length - n]!;
    v.value = value;
    v.wrapped = wrapped;
  }

  private varSlot(name: string): Var {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) return v;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // --- walking --------------------------------------------------------------

  private walk(dot: GoValue, dotWrapped: boolean, node: Node): Signal {
    this.node = node;
    this.tick();
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, dotWrapped, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.node = node;
          this.write(val === undefined ? '<no value>' : formatV(val));
        }
        return 0;
      }
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'comment':
        return 0;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, dotWrapped, node);
      case 'list':
        for (const n of node.nodes) {
          const sig = this.walk(dot, dotWrapped, n);
          if (sig !== 0) return sig;
        }
        return 0;
      case 'range':
        this.walkRange(dot, dotWrapped, node);
        return 0;
      case 'template':
        this.walkTemplate(dot, dotWrapped, node);
        return 0;
      case 'text':
        this.write(node.text);
        return 0;
    }
  }

  private walkIfOrWith(dot: GoValue, dotWrapped: boolean, node: IfNode): Signal {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, dotWrapped, node.pipe);
      if (isTrue(val)) {
        return node.kind === 'with'
          ? this.walk(val, false, node.list)
          : this.walk(dot, dotWrapped, node.list);
      } else if (node.elseList) {
        return this.walk(dot, dotWrapped, node.elseList);
      }
      return 0;
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: GoValue, dotWrapped: boolean, r: RangeNode): void {
    this.node = r;
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, dotWrapped, r.pipe);
      const mark2 = this.vars.length;
      const decl = r.pipe.decl;
      const one = (index: GoValue, elem: GoValue, elemWrapped: boolean): boolean => {
        this.tick();
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            if (decl.length > 1) this.setVar(decl[0]!.idents[0]!, index);
            else this.setVar(decl[0]!.idents[0]!, elem, elemWrapped);
          } else this.setTopVar(1, elem, elemWrapped);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.idents[0]!, elem, elemWrapped);
          else this.setTopVar(2, index, false);
        }
        const sig = this.walk(elem, elemWrapped, r.list);
        this.vars.length = mark2;
        return sig === BREAK;
      };
      let ran = false;
      if (val instanceof GoInt) {
        if (decl.length > 1) this.errorf(`can't use ${formatV(val)} to iterate over more than one variable`);
        for (let i = 0; i < val.v; i++) {
          ran = true;
          if (one(undefined, new GoInt(i, val.type), false)) break;
        }
      } else if (Array.isArray(val)) {
        const wrapped = sliceType(val) === '[]interface {}';
        for (let i = 0; i < val.length; i++) {
          ran = true;
          if (one(new GoInt(i, 'int'), val[i], wrapped)) break;
        }
      } else if (val !== undefined && val !== null && isGoMap(val)) {
        const wrapped = mapType(val) === 'map[string]interface {}';
        for (const k of sortedKeys(val)) {
          ran = true;
          if (one(k, mapGet(val, k), wrapped)) break;
        }
      } else if (val !== undefined && val !== null) {
        this.errorf(`range can't iterate over ${formatV(val)}`);
      }
      if (!ran && r.elseList) this.walk(dot, dotWrapped, r.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkTemplate(dot: GoValue, dotWrapped: boolean, t: TemplateNode): void {
    this.node = t;
    const tmpl = this.prog.defines.get(t.name);
    if (!tmpl) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (this.depth >= MAX_TEMPLATE_DEPTH)
      this.errorf(`exceeded maximum template depth (its budget of ${MAX_TEMPLATE_DEPTH} nested templates)`);
    const newDot = this.evalPipeline(dot, dotWrapped, t.pipe);
    const savedVars = this.vars;
    const savedName = this.tmplName;
    this.vars = [{ name: '$', value: newDot, wrapped: false }];
    this.tmplName = t.name;
    this.depth++;
    try {
      this.walk(newDot, false, tmpl);
    } finally {
      this.depth--;
      this.vars = savedVars;
      this.tmplName = savedName;
    }
  }

  // --- pipelines and commands -----------------------------------------------

  private evalPipeline(dot: GoValue, dotWrapped: boolean, pipe: PipeNode | undefined): GoValue {
    if (!pipe) return undefined;
    this.node = pipe;
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, dotWrapped, cmd, value);
      // A nil interface{} result becomes "no value", like reflect's Elem of a nil interface.
      if (value === null) value = undefined;
    }
    const v = value === MISSING ? undefined : value;
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.idents[0]!, v);
      else this.push(d.idents[0]!, v);
    }
    return v;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeToString(args[0]!)}`);
    }
  }

  private evalCommand(dot: GoValue, dotWrapped: boolean, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0]!;
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, dotWrapped, first, cmd.args, final).value;
      case 'chain':
        return this.evalChainNode(dot, dotWrapped, first, cmd.args, final).value;
      case 'identifier':
        return this.evalFunction(dot, dotWrapped, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, dotWrapped, first);
      case 'variable':
        return this.evalVariableNode(dot, dotWrapped, first, cmd.args, final).value;
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(n: NumberNode): GoValue {
    this.node = n;
    if (n.idealFloat) return n.floatValue;
    if (n.isInt) {
      if (Math.abs(n.intValue) >= 2 ** 63) this.errorf(`${n.text} overflows int`);
      return new GoInt(n.intValue, 'int');
    }
    this.errorf(`${n.text} overflows int`);
  }

  private evalFieldNode(
    dot: GoValue,
    dotWrapped: boolean,
    field: FieldNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): Slot {
    this.node = field;
    return this.evalFieldChain(
      dot,
      dotWrapped,
      { value: dot, wrapped: dotWrapped },
      field,
      field.idents,
      args,
      final,
    );
  }

  private evalChainNode(
    dot: GoValue,
    dotWrapped: boolean,
    chain: ChainNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): Slot {
    this.node = chain;
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeToString(chain)}`);
    const pipe = this.evalArgRaw(dot, dotWrapped, chain.node);
    return this.evalFieldChain(
      dot,
      dotWrapped,
      { value: pipe, wrapped: false },
      chain,
      chain.fields,
      args,
      final,
    );
  }

  private evalVariableNode(
    dot: GoValue,
    dotWrapped: boolean,
    variable: VariableNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): Slot {
    this.node = variable;
    const slot = this.varSlot(variable.idents[0]!);
    if (variable.idents.length === 1) {
      this.notAFunction(args ?? [variable], final);
      return { value: slot.value, wrapped: slot.wrapped };
    }
    return this.evalFieldChain(dot, dotWrapped, slot, variable, variable.idents.slice(1), args, final);
  }

  private evalFieldChain(
    dot: GoValue,
    dotWrapped: boolean,
    receiver: Slot,
    node: AnyNode,
    idents: readonly string[],
    args: readonly ArgNode[] | null,
    final: Final,
  ): Slot {
    let r = receiver;
    const n = idents.length;
    for (let i = 0; i < n - 1; i++) r = this.evalField(dot, dotWrapped, idents[i]!, node, null, MISSING, r);
    return this.evalField(dot, dotWrapped, idents[n - 1]!, node, args, final, r);
  }

  private evalField(
    dot: GoValue,
    dotWrapped: boolean,
    fieldName: string,
    node: AnyNode,
    args: readonly ArgNode[] | null,
    final: Final,
    receiver: Slot,
  ): Slot {
    const recv = receiver.value;
    if (recv === undefined) return { value: undefined, wrapped: false };
    const typ = receiver.wrapped || recv === null ? 'interface {}' : goTypeName(recv);
    if (recv === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const method = methodFor(recv, fieldName);
    if (method) {
      return {
        value: this.evalCall(dot, dotWrapped, method, false, node, fieldName, args, final, recv),
        wrapped: false,
      };
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (isGoMap(recv)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      return { value: mapGet(recv, fieldName), wrapped: mapType(recv) === 'map[string]interface {}' };
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalFunction(
    dot: GoValue,
    dotWrapped: boolean,
    node: IdentifierNode,
    cmd: AnyNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): GoValue {
    this.node = node;
    const name = node.name;
    const user = this.funcs[name];
    if (user) return this.evalCall(dot, dotWrapped, user, false, cmd, name, args, final);
    const builtin = this.builtins[name];
    if (builtin) return this.evalCall(dot, dotWrapped, builtin, true, cmd, name, args, final);
    this.errorf(`${JSON.stringify(name)} is not a defined function`);
  }

  private evalCall(
    dot: GoValue,
    dotWrapped: boolean,
    fn: FuncDef,
    isBuiltin: boolean,
    node: AnyNode,
    name: string,
    args0: readonly ArgNode[] | null,
    final: Final,
    receiver?: GoValue,
  ): GoValue {
    this.tick(FUNCTION_CALL_STEPS);
    const args = args0 ? args0.slice(1) : [];
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed)
        this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: GoValue;
      for (const arg of args) {
        v = this.evalArg(dot, dotWrapped, 'reflect', arg);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }

    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++)
      argv.push(this.evalArg(dot, dotWrapped, fn.params[i]!, args[i]!));
    if (fn.variadic)
      for (; i < args.length; i++) argv.push(this.evalArg(dot, dotWrapped, fn.variadic, args[i]!));
    if (final !== MISSING) {
      let t: ParamType = fn.params[fn.params.length - 1] ?? fn.variadic!;
      if (fn.variadic) t = numIn - 1 < numFixed ? fn.params[numIn - 1]! : fn.variadic;
      argv.push(this.validateType(final, t));
    }

    if (isBuiltin && name === 'call') {
      const callee =
        args.length === 0 ? formatV(final === MISSING ? undefined : final) : nodeToString(args[0]!);
      const f = argv[0];
      this.node = node;
      if (f === undefined || f === null) this.errorf(`error calling call: call of nil`);
      this.errorf(`error calling call: non-function ${callee} of type ${goTypeName(f)}`);
    }

    try {
      return receiver === undefined ? fn.call(argv, this.ctx) : fn.call([receiver, ...argv], this.ctx);
    } catch (e) {
      if (e instanceof GoTemplateError) throw e;
      this.node = node;
      const msg = e instanceof Error ? e.message : String(e);
      this.errorf(`error calling ${name}: ${msg}`, e instanceof FuncError ? e.hint : undefined);
    }
  }

  // --- arguments ------------------------------------------------------------

  private validateType(value: GoValue, typ: ParamType | null): GoValue {
    if (value === undefined) {
      if (typ === null) return undefined;
      if (canBeNil(typ)) return typ === 'reflect' ? undefined : null;
      this.errorf(`invalid value; expected ${goParamTypeName(typ)}`);
    }
    if (typ === null || typ === 'any' || typ === 'reflect') return value;
    if (assignable(value, typ)) return value;
    const got = value === null ? 'interface {}' : goTypeName(value);
    this.errorf(`wrong type for value; expected ${goParamTypeName(typ)}; got ${got}`);
  }

  /** evalArg with a nil type (chain receivers): no conversion. */
  private evalArgRaw(dot: GoValue, dotWrapped: boolean, n: ArgNode): GoValue {
    this.node = n;
    switch (n.kind) {
      case 'identifier':
        return this.evalFunction(dot, dotWrapped, n, n, null, MISSING);
      case 'pipe':
        return this.evalPipeline(dot, dotWrapped, n);
      default:
        return this.evalArg(dot, dotWrapped, 'reflect', n);
    }
  }

  private evalArg(dot: GoValue, dotWrapped: boolean, typ: ParamType, n: ArgNode): GoValue {
    this.node = n;
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (canBeNil(typ)) return typ === 'reflect' ? undefined : null;
        return this.errorf(`cannot assign nil to ${goParamTypeName(typ)}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, dotWrapped, n, [n], MISSING).value, typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, dotWrapped, n, null, MISSING).value, typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, dotWrapped, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, dotWrapped, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, dotWrapped, n, null, MISSING).value, typ);
    }
    switch (typ) {
      case 'bool':
        if (n.kind === 'bool') return n.value;
        return this.errorf(`expected bool; found ${nodeToString(n)}`);
      case 'float64':
        if (n.kind === 'number' && n.isFloat) return n.floatValue;
        return this.errorf(`expected float; found ${nodeToString(n)}`);
      case 'int':
      case 'int64':
        if (n.kind === 'number' && n.isInt) return new GoInt(n.intValue, typ);
        return this.errorf(`expected integer; found ${nodeToString(n)}`);
      case 'duration':
        if (n.kind === 'number' && n.isInt) return new GoInt(n.intValue, 'time.Duration');
        return this.errorf(`expected integer; found ${nodeToString(n)}`);
      case 'string':
        if (n.kind === 'string') return n.text;
        return this.errorf(`expected string; found ${nodeToString(n)}`);
      case 'any':
      case 'reflect':
        switch (n.kind) {
          case 'bool':
            return n.value;
          case 'number':
            return this.idealConstant(n);
          case 'string':
            return n.text;
        }
    }
    this.errorf(`can't handle ${nodeToString(n)} for arg of type ${goParamTypeName(typ)}`);
  }
}

function assignable(v: GoValue, typ: ParamType): boolean {
  switch (typ) {
    case 'string':
      return typeof v === 'string';
    case 'float64':
      return typeof v === 'number';
    case 'bool':
      return typeof v === 'boolean';
    case 'int':
    case 'int64':
      return v instanceof GoInt && v.type === typ;
    case 'map':
      return v !== null && isGoMap(v) && mapType(v) === 'map[string]interface {}';
    case 'time':
      return v instanceof GoTime;
    case 'duration':
      return v instanceof GoInt && v.type === 'time.Duration';
    default:
      return true;
  }
}
