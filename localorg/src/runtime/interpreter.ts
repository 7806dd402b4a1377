/**
 * The tree-walking interpreter. It evaluates the lowered AST with Apex semantics and implements the
 * {@link NativeContext} services the standard library calls back into, and the data platform's {@link TriggerHost}.
 *
 * Control flow: statements return a completion signal (normal/break/continue/return) instead of throwing, and Apex
 * exceptions travel as {@link ApexThrow} (no JS stack capture), so the hot paths stay cheap.
 */
/* eslint-disable @typescript-eslint/only-throw-error --
   Apex exceptions travel as ApexThrow, deliberately not an Error: no JS stack is captured on every Apex throw. */
import type { DataPlatform, TriggerHost, TriggerInvocation, TriggerEventName } from './data-platform.js';
import type {
  Block,
  Expr,
  MethodDecl,
  Pos,
  PropertyDecl,
  Stmt,
  TriggerDecl,
  TypeDecl,
  CtorDecl,
  Param,
  InitStep
} from '../syntax/ast.js';
import { SourceError } from '../syntax/diagnostics.js';
import { Lowerer } from '../syntax/lower.js';
import { ClassInfo, ClassRegistry, type MemberInfo, type MethodInfo } from '../semantics/classes.js';
import { nativeKindOf, type NativeClassDef, type NativeLibrary, type NativeContext, type TypeInfo } from './natives.js';
import { unsupported, UnsupportedFeatureError } from '../values/errors.js';
import { type RunningUser } from '../values/user.js';
import { formatValue } from '../values/format.js';
import { apexEquals, arith, bitwise, compare, negate } from './operators.js';
import { ApexThrow, BREAK, CONTINUE, NORMAL, RETURN, Scope, type Frame, type Signal } from './scope.js';
import {
  cast,
  coerce,
  isInstance,
  isPrimitiveName,
  matchScore,
  runtimeTypeName,
  stripSystem,
  type TypeEnv
} from './types.js';
import {
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexRuntimeError,
  ApexSet,
  ApexTypeValue,
  NativeObject,
  SObject,
  keyOf,
  typeRef,
  type TypeRef,
  type Value
} from '../values/values.js';

const C = (o: ApexObject): ClassInfo => o.cls as ClassInfo;
const NPE = 'Attempt to de-reference a null object';
const OBJECT_T = typeRef('Object');
const MAX_DEPTH = 1000;

/** What a dotted name resolved to when it is not a value. */
export type TypeTarget =
  | { kind: 'class'; cls: ClassInfo }
  | { kind: 'native'; def: NativeClassDef; name: string }
  | { kind: 'nativeEnum'; name: string }
  | { kind: 'sobject'; api: string }
  | { kind: 'namespace'; name: string }
  | { kind: 'trigger' };

const NAMESPACES = new Set([
  'system',
  'schema',
  'database',
  'apexpages',
  'messaging',
  'auth',
  'connectapi',
  'dom',
  'approval',
  'flow',
  'reports',
  'cache',
  'eventbus',
  'process',
  'sfdc_checkout',
  'support',
  'site',
  'kbmanagement'
]);

interface TriggerCtx {
  inv: TriggerInvocation;
  newList: ApexList | null;
  oldList: ApexList | null;
  newMap: ApexMap | null;
  oldMap: ApexMap | null;
}

export interface InterpreterOptions {
  platform: DataPlatform;
  /** The built-in classes and enums Apex code can reach (the standard library, assembled by the composition root). */
  natives: NativeLibrary;
  user: RunningUser;
  /** Receives each USER_DEBUG line's parts. */
  debug?: (line: number, level: string, message: string) => void;
  now?: () => number;
}

type Resolved = { value: Value } | { type: TypeTarget };

/**
 * A name that resolved to a type keeps the answer on its AST node. The owner check matters because parsed trees
 * (the prelude) are shared by every interpreter in the process.
 */
type TypeCached = { $type?: { owner: Interpreter; t: TypeTarget } };

export class Interpreter implements NativeContext, TriggerHost, TypeEnv {
  readonly registry = new ClassRegistry();
  readonly platform: DataPlatform;
  readonly natives: NativeLibrary;
  readonly user: RunningUser;
  private readonly triggers = new Map<string, TriggerDecl[]>();
  private readonly stack: Frame[] = [];
  private triggerStack: TriggerCtx[] = [];
  private statics = new Map<ClassInfo, Map<string, Value>>();
  private staticGeneration = 0;
  private retVal: Value = null;
  private fieldNames = new Map<string, string | null>();
  /** Executed lines per file, when coverage is on. */
  coverage: Map<string, Set<number>> | null = null;
  runningTest = false;
  /** Queueables and other async work, run at `Test.stopTest()` or at the end of an anonymous run. */
  asyncQueue: (() => void)[] = [];
  /** Per-test state native modules may keep (Test.startTest's limit restorer, mocks…), reset with statics. */
  testState: Record<string, unknown> = {};
  debugSink: (line: number, level: string, message: string) => void;
  private readonly nowFn: () => number;

  constructor(opts: InterpreterOptions) {
    this.platform = opts.platform;
    this.natives = opts.natives;
    this.user = opts.user;
    this.debugSink =
      opts.debug ?? ((line, level, message) => process.stdout.write(`USER_DEBUG|[${line}]|${level}|${message}\n`));
    this.nowFn = opts.now ?? (() => Date.now());
    this.platform.setTriggerHost(this);
  }

  // ======================================================================= loading
  addClass(decl: TypeDecl): ClassInfo {
    return this.registry.add(decl);
  }

  addTrigger(t: TriggerDecl): void {
    const key = t.sobject.toLowerCase();
    const list = this.triggers.get(key) ?? [];
    list.push(t);
    this.triggers.set(key, list);
  }

  link(): void {
    this.registry.link();
  }

  /** Fresh static variables (a new transaction in the test runner): every class re-initialises lazily. */
  resetStatics(): void {
    this.resetCpuClock();
    this.statics = new Map();
    this.staticGeneration++;
    this.asyncQueue = [];
    this.testState = {};
    this.triggerStack = [];
  }

  // ======================================================================= NativeContext
  now(): number {
    return this.nowFn();
  }

  toApexString(v: Value): string {
    return formatValue(v, { mode: 'string', timeZone: this.user.timeZone, object: (o) => this.objectToString(o) });
  }

  debugString(v: Value): string {
    return formatValue(v, { mode: 'debug', timeZone: this.user.timeZone, object: (o) => this.objectToString(o) });
  }

  equals(a: Value, b: Value): boolean {
    return apexEquals(a, b, (x, y) => this.userEquals(x, y));
  }

  keyOf(v: Value): string {
    if (
      v instanceof ApexObject &&
      C(v)
        .methods('hashcode')
        .some((m) => m.decl.params.length === 0 && m.decl.body)
    ) {
      return `u:${v.cls.name}:${this.toApexString(this.callMethod(v, 'hashcode', [], null))}`;
    }
    return keyOf(v);
  }

  call(target: Value, method: string, args: Value[]): Value {
    return this.callMethod(target, method.toLowerCase(), args, null);
  }

  newObject(className: string, args: Value[]): Value {
    const t = this.resolveType(className);
    if (!t) throw new UnsupportedFeatureError(`Invalid type: ${className}`);
    return this.instantiate(t, args, this.topFrame()?.pos ?? { line: 0, col: 0 });
  }

  resolveType(name: string): TypeRef | null {
    const t = parseTypeString(name);
    if (!t) return null;
    return this.typeExists(t) ? t : null;
  }

  private typeExists(t: TypeRef): boolean {
    const n = stripSystem(t.name);
    if (isPrimitiveName(n) || ['list', 'set', 'map', 'sobject', 'type'].includes(n))
      return t.args.every((a) => this.typeExists(a));
    return !!(
      this.classFor(t) ||
      this.sobjectName(t.name) ||
      this.natives.classFor(t.name) ||
      this.natives.enumFor(t.name)
    );
  }

  typeInfo(t: TypeRef): TypeInfo {
    const n = stripSystem(t.name);
    if (n === 'object') return { kind: 'object' };
    if (isPrimitiveName(n)) return { kind: 'primitive', name: n };
    if (n === 'list' || n === 'set') return { kind: n, element: t.args[0] ?? OBJECT_T };
    if (n === 'map') return { kind: 'map', key: t.args[0] ?? typeRef('String'), value: t.args[1] ?? OBJECT_T };
    const cls = this.classFor(t);
    if (cls) {
      if (cls.kind === 'enum') return { kind: 'enum', values: cls.enumValues };
      return {
        kind: 'class',
        fields: cls.instanceMembers().map((m) => ({
          name: m.decl.display,
          key: m.decl.name,
          type: this.typeFrom(m.decl.type, m.owner),
          transient: m.decl.modifiers.has('transient'),
          // Properties with accessor bodies are read and written through them, as Apex JSON does.
          read: m.kind === 'prop' && m.decl.getter ? (o: ApexObject) => this.readMember(m, o, null) : undefined,
          write:
            m.kind === 'prop' && m.decl.setter
              ? (o: ApexObject, v: Value) => void this.writeMember(m, o, v, null)
              : undefined
        })),
        instantiate: () => this.instantiateForDeserialize(cls)
      };
    }
    const api = this.sobjectName(t.name);
    if (api) return { kind: 'sobject', sobjectType: api };
    const ne = this.natives.enumFor(t.name);
    if (ne) return { kind: 'enum', values: ne.values };
    return { kind: 'unknown' };
  }

  /** A declared type with user class names made canonical as seen from `owner` (`Kind` inside Dto → `dto.kind`). */
  typeFrom(t: TypeRef, owner: ClassInfo): TypeRef {
    const args = t.args.map((a) => this.typeFrom(a, owner));
    const cls = isPrimitiveName(t.name) ? null : this.registry.resolve(t.name, owner);
    if (cls && !cls.isBuiltin) return { name: cls.name, args, display: cls.display };
    return args.length ? { ...t, args } : t;
  }

  debug(level: string, message: string): void {
    this.debugSink(this.currentLine(), level, message);
  }

  currentLine(): number {
    return this.topFrame()?.pos.line ?? 0;
  }

  lowerBindExpression(expressionContext: unknown): unknown {
    return new Lowerer(this.topFrame()?.file ?? 'dynamic SOQL').lowerExpression(expressionContext);
  }

  evaluateInCallerScope(loweredExpression: unknown): Value {
    const f = this.topFrame();
    if (!f) throw new Error('no Apex caller to evaluate a bind expression in');
    return this.eval(loweredExpression as Expr, f);
  }

  // ======================================================================= TypeEnv
  classFor(t: TypeRef): ClassInfo | null {
    const from = this.topFrame()?.cls ?? null;
    return this.registry.resolve(t.name, from);
  }

  sobjectName(name: string): string | null {
    const n = name.startsWith('schema.') ? name.slice(7) : name;
    if (n === 'sobject') return null;
    return this.platform.schema.objectName(n);
  }

  // ======================================================================= TriggerHost
  hasTriggers(sobjectType: string, event: TriggerEventName): boolean {
    return (this.triggers.get(sobjectType.toLowerCase()) ?? []).some((t) => t.events.includes(event));
  }

  fire(inv: TriggerInvocation): void {
    const list = (this.triggers.get(inv.sobjectType.toLowerCase()) ?? []).filter((t) => t.events.includes(inv.event));
    if (list.length === 0) return;
    const idType = typeRef('Id');
    const objType = typeRef(inv.sobjectType);
    const mapOf = (records: SObject[] | null): ApexMap | null => {
      if (!records || inv.event === 'before insert') return null;
      const m = new ApexMap(idType, objType);
      for (const r of records) m.put(r.id, r);
      return m;
    };
    const ctx: TriggerCtx = {
      inv,
      newList: inv.newRecords ? new ApexList(objType, inv.newRecords) : null,
      oldList: inv.oldRecords ? new ApexList(objType, inv.oldRecords) : null,
      newMap:
        inv.event === 'after insert' || inv.event.endsWith('update') || inv.event === 'after undelete'
          ? mapOf(inv.newRecords)
          : null,
      oldMap: inv.event.endsWith('update') || inv.event.endsWith('delete') ? mapOf(inv.oldRecords) : null
    };
    this.triggerStack.push(ctx);
    try {
      for (const t of list) {
        const cls = this.triggerClass(t);
        const frame: Frame = {
          cls,
          self: null,
          scope: new Scope(null),
          where: `Trigger.${t.display}`,
          pos: t.pos,
          accessor: null,
          file: t.file
        };
        try {
          this.runTopLevel(frame, () => this.execBlock(t.body, frame));
        } catch (e) {
          throw this.triggerFailure(e, t, inv.event);
        }
      }
    } finally {
      this.triggerStack.pop();
    }
  }

  /**
   * An exception escaping a trigger fails the DML statement the way the platform reports it [mem]:
   * `DmlException … CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, Name: execution of BeforeInsert caused by: Type: message`.
   * Limit and assertion failures pass through unchanged.
   */
  private triggerFailure(e: unknown, t: TriggerDecl, event: TriggerEventName): unknown {
    const thrown = this.asApexThrow(e);
    if (!thrown) return e;
    const ex = thrown.exception;
    if (ex.cls.isSubtypeOf('system.limitexception') || ex.cls.isSubtypeOf('system.assertexception')) return thrown;
    const n = ex.native as ExceptionState;
    const [when, op] = event.split(' ');
    const cap = (x: string) => x[0].toUpperCase() + x.slice(1);
    const cause = `${t.display}: execution of ${cap(when)}${cap(op)}\n\ncaused by: ${ex.cls.display}: ${n.message ?? 'null'}\n\n${(n.stack ?? [])[0] ?? ''}`;
    const statusCode = 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY';
    return new ApexRuntimeError(
      'System.DmlException',
      `${cap(op)} failed. First exception on row 0; first error: ${statusCode}, ${cause}: []`,
      {
        dmlRows: [{ index: 0, id: null, statusCode, message: cause, fields: [] }],
        cause: ex
      }
    );
  }

  private triggerClasses = new Map<TriggerDecl, ClassInfo>();
  private triggerClass(t: TriggerDecl): ClassInfo {
    let c = this.triggerClasses.get(t);
    if (!c) {
      c = new ClassInfo(`trigger.${t.name}`, t.display, 'class', null, null);
      this.triggerClasses.set(t, c);
    }
    return c;
  }

  /** Runs a body as the outermost Apex frame: host errors become Apex exceptions with this frame in their stack. */
  private runTopLevel(frame: Frame, body: () => unknown): void {
    this.stack.push(frame);
    try {
      body();
    } catch (e) {
      const t = this.asApexThrow(e);
      if (t) throw t;
      this.failurePos ??= { file: frame.file, line: frame.pos.line, col: frame.pos.col, where: frame.where };
      throw e;
    } finally {
      this.stack.pop();
    }
  }

  // ======================================================================= entry points for runners and the server
  /** Executes anonymous Apex statements with `members` (methods/classes declared in the block). */
  runAnonymous(stmts: Stmt[], members: ClassInfo, file: string): void {
    const frame: Frame = {
      cls: members,
      self: null,
      scope: new Scope(null),
      where: 'AnonymousBlock',
      pos: { line: 1, col: 1 },
      accessor: null,
      file
    };
    this.runTopLevel(frame, () => {
      for (const s of stmts) {
        const sig = this.exec(s, frame);
        if (sig === RETURN) break;
      }
    });
  }

  /** Calls a static method by class and method name (test methods, REST handlers). */
  invokeStatic(cls: ClassInfo, method: string, args: Value[]): Value {
    this.ensureStaticInit(cls);
    const m = this.selectMethod(cls.methods(method.toLowerCase()), args);
    if (!m) throw new UnsupportedFeatureError(`Method does not exist: ${cls.display}.${method}`);
    return this.invoke(m, null, args);
  }

  /** Calls an instance method of a user object (non-static test methods). */
  invokeInstance(obj: ApexObject, method: string, args: Value[]): Value {
    return this.callMethod(obj, method.toLowerCase(), args, null);
  }

  getStatic(cls: ClassInfo, field: string): Value {
    this.ensureStaticInit(cls);
    const m = cls.member(field.toLowerCase());
    if (!m) throw new UnsupportedFeatureError(`Variable does not exist: ${cls.display}.${field}`);
    return this.readMember(m, null, null);
  }

  setStatic(cls: ClassInfo, field: string, value: Value): void {
    this.ensureStaticInit(cls);
    const m = cls.member(field.toLowerCase());
    if (!m) throw new UnsupportedFeatureError(`Variable does not exist: ${cls.display}.${field}`);
    this.writeMember(m, null, value, null);
  }

  /** Converts a host or Apex failure into the exception object user code would see, or null for internal errors. */
  asApexThrow(e: unknown): ApexThrow | null {
    if (e instanceof ApexThrow) return e;
    if (e instanceof ApexRuntimeError) {
      const ex = this.makeException(e.typeName, e.message);
      Object.assign(ex.native, e.data);
      return new ApexThrow(ex);
    }
    if (isStackOverflow(e)) {
      return new ApexThrow(
        this.makeException('System.LimitException', `Maximum stack depth reached: ${MAX_DEPTH + 1}`)
      );
    }
    return null;
  }

  topFrame(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  // ======================================================================= statements
  /** `toApexString` as a stable function, so operators get no fresh closure per call. */
  private readonly str = (x: Value): string => this.toApexString(x);

  execBlock(b: Block, f: Frame): Signal {
    // A block that declares no locals needs no scope of its own (the common loop body).
    const flagged = b as Block & { $locals?: boolean };
    if ((flagged.$locals ??= b.stmts.some((x) => x.kind === 'local')) === false) {
      for (const st of b.stmts) {
        const sig = this.exec(st, f);
        if (sig !== NORMAL) return sig;
      }
      return NORMAL;
    }
    const saved = f.scope;
    f.scope = new Scope(saved);
    try {
      for (const s of b.stmts) {
        const sig = this.exec(s, f);
        if (sig !== NORMAL) return sig;
      }
      return NORMAL;
    } finally {
      f.scope = saved;
    }
  }

  exec(s: Stmt, f: Frame): Signal {
    f.pos = s.pos;
    if (++this.ticks === 2048) this.chargeCpu();
    if (this.coverage && s.kind !== 'block') this.cover(f.file, s.pos.line);
    switch (s.kind) {
      case 'expr':
        this.eval(s.expr, f);
        return NORMAL;
      case 'local':
        for (const d of s.decls) {
          const v = d.init ? coerce(this.eval(d.init, f), s.type, this) : null;
          f.scope.declare(d.name, v, s.type);
        }
        return NORMAL;
      case 'block':
        return this.execBlock(s, f);
      case 'if':
        if (this.truthy(this.eval(s.test, f), s.test)) return this.execNested(s.then, f);
        return s.else ? this.execNested(s.else, f) : NORMAL;
      case 'return':
        this.retVal = s.value ? this.eval(s.value, f) : null;
        return RETURN;
      case 'while':
        while (this.truthy(this.eval(s.test, f), s.test)) {
          const sig = this.execNested(s.body, f);
          if (sig === BREAK) break;
          if (sig === RETURN) return sig;
        }
        return NORMAL;
      case 'doWhile':
        do {
          const sig = this.execNested(s.body, f);
          if (sig === BREAK) break;
          if (sig === RETURN) return sig;
        } while (this.truthy(this.eval(s.test, f), s.test));
        return NORMAL;
      case 'for':
        return this.execFor(s, f);
      case 'forEach':
        return this.execForEach(s, f);
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'throw': {
        const v = this.eval(s.value, f);
        if (v === null) this.throwApex('System.NullPointerException', 'Attempt to throw a null exception object');
        if (!(v instanceof ApexObject) || !C(v).isException)
          this.throwApex('System.TypeException', 'throw requires an exception object');
        throw new ApexThrow(v);
      }
      case 'try':
        return this.execTry(s, f);
      case 'switch':
        return this.execSwitch(s, f);
      case 'dml':
        return this.execDml(s, f);
      case 'runAs':
        for (const u of s.user) this.eval(u, f);
        return this.execBlock(s.body, f);
      case 'unsupported':
        throw new SourceError(f.file, s.pos.line, s.pos.col, `unsupported construct: ${s.construct}`);
    }
  }

  private ticks = 0;

  /**
   * Charges the CPU time (the thread's, not wall time) spent since the last charge to the CPU limit, every 2,048
   * statements, so a runaway loop ends in `System.LimitException: Apex CPU time limit exceeded` instead of hanging.
   */
  private chargeCpu(): void {
    this.ticks = 0;
    this.native(() => this.platform.limits.chargeElapsedCpu());
  }

  /** Starts CPU accounting afresh (new transaction or test method). */
  resetCpuClock(): void {
    this.ticks = 0;
    this.platform.limits.restartCpuClock();
  }

  private cover(file: string, line: number): void {
    let set = this.coverage!.get(file);
    if (!set) this.coverage!.set(file, (set = new Set()));
    set.add(line);
  }

  /** A statement in a branch or loop body gets its own scope even when it is not a block. */
  private execNested(s: Stmt, f: Frame): Signal {
    if (s.kind === 'block') return this.execBlock(s, f);
    const saved = f.scope;
    f.scope = new Scope(saved);
    try {
      return this.exec(s, f);
    } finally {
      f.scope = saved;
    }
  }

  private execFor(s: Extract<Stmt, { kind: 'for' }>, f: Frame): Signal {
    const saved = f.scope;
    f.scope = new Scope(saved);
    try {
      for (const i of s.init) this.exec(i, f);
      while (!s.test || this.truthy(this.eval(s.test, f), s.test)) {
        const sig = this.execNested(s.body, f);
        if (sig === BREAK) break;
        if (sig === RETURN) return sig;
        for (const u of s.update) this.eval(u, f);
      }
      return NORMAL;
    } finally {
      f.scope = saved;
    }
  }

  private execForEach(s: Extract<Stmt, { kind: 'forEach' }>, f: Frame): Signal {
    const it = this.eval(s.iterable, f);
    if (it === null) this.throwApex('System.NullPointerException', NPE);
    let items: Iterable<Value>;
    if (it instanceof ApexList) {
      // A SOQL for-loop with a list variable receives the rows in chunks of 200.
      if (
        stripSystem(s.type.name) === 'list' &&
        (it.items.length === 0 || it.items[0] instanceof SObject) &&
        !(it.elementType.name === 'list')
      ) {
        const chunks: Value[] = [];
        for (let i = 0; i < it.items.length; i += 200)
          chunks.push(new ApexList(it.elementType, it.items.slice(i, i + 200)));
        items = chunks;
      } else items = it.items.slice();
    } else if (it instanceof ApexSet) items = it.values();
    else if (it instanceof ApexObject) items = this.iterateUser(it);
    else return this.throwApex('System.TypeException', `Loop must iterate over collection: ${runtimeTypeName(it)}`);
    const saved = f.scope;
    try {
      for (const v of items) {
        f.scope = new Scope(saved);
        f.scope.declare(s.name, coerce(v, s.type, this), s.type);
        const sig = s.body.kind === 'block' ? this.execBlock(s.body, f) : this.exec(s.body, f);
        if (sig === BREAK) break;
        if (sig === RETURN) return sig;
      }
      return NORMAL;
    } finally {
      f.scope = saved;
    }
  }

  private *iterateUser(o: ApexObject): Generator<Value> {
    const iter = C(o).methods('iterator').length ? this.callMethod(o, 'iterator', [], null) : o;
    while (this.truthy(this.callMethod(iter, 'hasnext', [], null), null)) yield this.callMethod(iter, 'next', [], null);
  }

  private execTry(s: Extract<Stmt, { kind: 'try' }>, f: Frame): Signal {
    let sig: Signal = NORMAL;
    let pending: unknown = undefined;
    let hasPending = false;
    const depth = this.stack.length;
    try {
      sig = this.execBlock(s.body, f);
    } catch (err) {
      this.stack.length = depth;
      const t = this.asApexThrow(err);
      // LimitException and AssertException cannot be caught on the platform.
      if (
        !t ||
        t.exception.cls.isSubtypeOf('system.limitexception') ||
        t.exception.cls.isSubtypeOf('system.assertexception')
      )
        throw t ?? err;
      const clause = s.catches.find((c) => this.exceptionMatches(t.exception, c.type));
      if (clause) {
        const saved = f.scope;
        f.scope = new Scope(saved);
        f.scope.declare(clause.name, t.exception, clause.type);
        try {
          sig = this.execBlock(clause.body, f);
        } catch (e2) {
          pending = e2;
          hasPending = true;
        } finally {
          f.scope = saved;
        }
      } else {
        pending = t;
        hasPending = true;
      }
    }
    if (s.finally) {
      const savedRet = this.retVal;
      const fs = this.execBlock(s.finally, f);
      if (fs !== NORMAL) return fs;
      this.retVal = savedRet;
    }
    if (hasPending) throw pending;
    return sig;
  }

  private exceptionMatches(ex: ApexObject, t: TypeRef): boolean {
    const n = t.name;
    if (n === 'exception' || n === 'system.exception') return true;
    const cls = this.registry.resolve(n, this.topFrame()?.cls ?? null);
    return ex.cls.isSubtypeOf(cls?.name ?? n);
  }

  private execSwitch(s: Extract<Stmt, { kind: 'switch' }>, f: Frame): Signal {
    const v = this.eval(s.value, f);
    for (const w of s.whens) {
      let hit = false;
      if (w.kind === 'else') hit = true;
      else if (w.kind === 'type') hit = v !== null && isInstance(v, w.type!, this);
      else {
        for (const e of w.values) {
          if (e.kind === 'name') {
            if (v instanceof ApexEnumValue && v.name.toLowerCase() === e.name) hit = true;
          } else if (e.kind === 'literal') {
            const lit = e.value;
            if (lit === null ? v === null : v !== null && (typeof lit === 'string' ? v === lit : this.equals(v, lit)))
              hit = true;
          }
          if (hit) break;
        }
      }
      if (!hit) continue;
      if (w.kind === 'type') {
        const saved = f.scope;
        f.scope = new Scope(saved);
        f.scope.declare(w.varName!, v, w.type!);
        try {
          return this.execBlock(w.body, f);
        } finally {
          f.scope = saved;
        }
      }
      return this.execBlock(w.body, f);
    }
    return NORMAL;
  }

  private execDml(s: Extract<Stmt, { kind: 'dml' }>, f: Frame): Signal {
    const v = this.eval(s.value, f);
    if (v === null) this.throwApex('System.NullPointerException', NPE);
    let records: SObject[];
    if (v instanceof SObject) records = [v];
    else if (v instanceof ApexList) records = v.items.filter((x): x is SObject => x instanceof SObject);
    else
      return this.throwApex('System.TypeException', `DML requires SObject or SObject list type: ${runtimeTypeName(v)}`);
    this.platform.dml(s.op, records, { allOrNone: true, externalIdField: s.externalIdField });
    return NORMAL;
  }

  truthy(v: Value, e: Expr | null): boolean {
    if (v === true) return true;
    if (v === false) return false;
    if (v === null) this.throwApex('System.NullPointerException', NPE);
    void e;
    return this.throwApex('System.TypeException', `Expected Boolean, found ${runtimeTypeName(v)}`);
  }

  // ======================================================================= expressions
  eval(e: Expr, f: Frame): Value {
    switch (e.kind) {
      case 'literal':
        return e.value;
      case 'name':
        return this.evalName(e, f);
      case 'field':
        return this.evalField(e, f);
      case 'call':
        return this.evalCall(e, f);
      case 'binary':
        return this.evalBinary(e, f);
      case 'assign':
        return this.evalAssign(e, f);
      case 'logical': {
        const l = this.truthy(this.eval(e.left, f), e.left);
        if (e.op === '&&') return l ? this.truthy(this.eval(e.right, f), e.right) : false;
        return l ? true : this.truthy(this.eval(e.right, f), e.right);
      }
      case 'unary': {
        const v = this.eval(e.operand, f);
        if (e.op === '!') return !this.truthy(v, e.operand);
        if (e.op === '-') return negate(v);
        if (e.op === '~') return bitwise('^', v, typeof v === 'bigint' ? -1n : -1);
        return v;
      }
      case 'incdec': {
        const old = this.eval(e.target, f);
        const nv = arith(e.op === '++' ? '+' : '-', old, 1, this.str);
        this.assignTo(e.target, nv, f);
        return e.prefix ? nv : old;
      }
      case 'coalesce': {
        const l = this.eval(e.left, f);
        return l !== null ? l : this.eval(e.right, f);
      }
      case 'cond':
        return this.truthy(this.eval(e.test, f), e.test) ? this.eval(e.then, f) : this.eval(e.else, f);
      case 'cast':
        return cast(this.eval(e.expr, f), e.type, this);
      case 'instanceof':
        return isInstance(this.eval(e.expr, f), e.type, this);
      case 'this':
        if (!f.self) return this.throwCompile(f, e.pos, 'Illegal access to this in a static context');
        return f.self;
      case 'super':
        return f.self;
      case 'index': {
        const t = this.eval(e.target, f);
        const i = this.eval(e.index, f);
        if (t === null) this.throwApex('System.NullPointerException', NPE);
        if (t instanceof ApexList) {
          if (typeof i !== 'number') return this.throwApex('System.TypeException', 'List index must be an Integer');
          if (i < 0 || i >= t.items.length) this.throwApex('System.ListException', `List index out of bounds: ${i}`);
          return t.items[i];
        }
        if (t instanceof ApexMap) return t.get(i);
        return this.throwApex('System.TypeException', `Cannot index ${runtimeTypeName(t)}`);
      }
      case 'new':
        f.pos = e.pos;
        return this.evalNew(e, f);
      case 'newArray': {
        const el = e.type.args[0] ?? OBJECT_T;
        if (e.size) {
          const n = this.eval(e.size, f);
          if (typeof n !== 'number') return this.throwApex('System.NullPointerException', NPE);
          return new ApexList(el, new Array<Value>(n).fill(null));
        }
        return new ApexList(
          el,
          (e.items ?? []).map((x) => coerce(this.eval(x, f), el, this))
        );
      }
      case 'newCollection': {
        const n = stripSystem(e.type.name);
        const el = e.type.args[0] ?? OBJECT_T;
        const items = e.items.map((x) => coerce(this.eval(x, f), el, this));
        if (n === 'set') {
          const s = new ApexSet(el);
          for (const x of items) this.setAdd(s, x);
          return s;
        }
        if (n === 'list') return new ApexList(el, items);
        if (this.sobjectName(e.type.name) || this.classFor(e.type)) {
          // `new Foo[]{}` lowered as array creator; `new Foo{}` is not valid Apex.
          return new ApexList(e.type, items);
        }
        return this.throwCompile(f, e.pos, `Invalid initializer for type ${e.type.display}`);
      }
      case 'newMap': {
        const m = new ApexMap(e.type.args[0] ?? OBJECT_T, e.type.args[1] ?? OBJECT_T);
        for (const [k, v] of e.pairs)
          this.mapPut(m, coerce(this.eval(k, f), m.keyType, this), coerce(this.eval(v, f), m.valueType, this));
        return m;
      }
      case 'typeLiteral':
        return new ApexTypeValue(this.canonicalType(e.type));
      case 'soql':
        return this.evalSoql(e, f);
      case 'ctorCall':
        return this.throwCompile(
          f,
          e.pos,
          `Constructor call ${e.which}(...) must be the first statement of a constructor`
        );
      case 'unsupported':
        throw new SourceError(f.file, e.pos.line, e.pos.col, `unsupported construct: ${e.construct}`);
    }
  }

  /** Resolves a declared type to the canonical name of the user class it names, when it names one. */
  private canonicalType(t: TypeRef): TypeRef {
    const cls = this.classFor(t);
    if (cls && cls.name !== t.name) return { name: cls.name, args: t.args, display: cls.display };
    const api = isPrimitiveName(t.name) ? null : this.sobjectName(t.name);
    if (api) return { name: api.toLowerCase(), args: [], display: api };
    return t;
  }

  private evalSoql(e: Extract<Expr, { kind: 'soql' }>, f: Frame): Value {
    f.pos = e.pos;
    return this.platform.query(e.query, (bind) => this.eval(bind as Expr, f));
  }

  private evalBinary(e: Extract<Expr, { kind: 'binary' }>, f: Frame): Value {
    const a = this.eval(e.left, f);
    const b = this.eval(e.right, f);
    switch (e.op) {
      case '+':
      case '-':
      case '*':
      case '/':
        // A null String operand still concatenates: `String s; s + 1` is "null1".
        if (
          e.op === '+' &&
          (a === null || b === null) &&
          (this.staticallyString(e.left, f) || this.staticallyString(e.right, f))
        ) {
          return this.toApexString(a) + this.toApexString(b);
        }
        return arith(e.op, a, b, this.str);
      case '==':
        return this.equals(a, b);
      case '!=':
        return !this.equals(a, b);
      case '===':
        return a === b || (a !== null && b !== null && !(typeof a === 'object') && this.equals(a, b));
      case '!==':
        return !(a === b || (a !== null && b !== null && !(typeof a === 'object') && this.equals(a, b)));
      case '<':
      case '>':
      case '<=':
      case '>=':
        return compare(e.op, a, b);
      default:
        return bitwise(e.op, a, b);
    }
  }

  /** Whether an expression's declared type is String (only names and members carry declared types at run time). */
  private staticallyString(e: Expr, f: Frame): boolean {
    if (e.kind === 'literal') return typeof e.value === 'string';
    if (e.kind !== 'name' && e.kind !== 'field') return false;
    if (e.kind === 'name') {
      const v = f.scope.lookup(e.name);
      if (v) return stripSystem(v.type.name) === 'string';
    }
    const m = e.kind === 'name' ? this.resolveImplicit(e.name, f)?.member : null;
    return !!m && stripSystem(m.decl.type.name) === 'string';
  }

  private evalAssign(e: Extract<Expr, { kind: 'assign' }>, f: Frame): Value {
    let v = this.eval(e.value, f);
    if (e.op !== '=') {
      const cur = this.eval(e.target, f);
      const op = e.op.slice(0, -1);
      v = op === '+' || op === '-' || op === '*' || op === '/' ? arith(op, cur, v, this.str) : bitwise(op, cur, v);
    }
    return this.assignTo(e.target, v, f);
  }

  // ----------------------------------------------------------------------- names and members
  private evalName(e: Extract<Expr, { kind: 'name' }>, f: Frame): Value {
    const v = f.scope.lookup(e.name);
    if (v) return v.value;
    const r = this.resolveImplicit(e.name, f);
    if (r) return this.readMember(r.member, r.self, f);
    const t = this.resolveTypeTarget([e.name], f);
    if (t) return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display} (it names a type)`);
    return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display}`);
  }

  /** A bare name that is not a local: a field/property of `this`, or a static of the class or its outers. */
  private resolveImplicit(name: string, f: Frame): { member: MemberInfo; self: ApexObject | null } | null {
    if (f.self) {
      const m = C(f.self).member(name);
      if (m) return { member: m, self: m.decl.isStatic ? null : f.self };
    }
    for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
      const m = c.member(name);
      if (m && (m.decl.isStatic || (f.self && c === f.cls)))
        return { member: m, self: m.decl.isStatic ? null : f.self };
    }
    return null;
  }

  private resolveTarget(e: Expr, f: Frame): Resolved {
    if (e.kind === 'name') {
      const cached = (e as TypeCached).$type;
      if (cached && cached.owner === this) return { type: cached.t };
      const v = f.scope.lookup(e.name);
      if (v) return { value: v.value };
      const r = this.resolveImplicit(e.name, f);
      if (r) return { value: this.readMember(r.member, r.self, f) };
      const t = this.resolveTypeTarget([e.name], f);
      if (t) {
        (e as TypeCached).$type = { owner: this, t };
        return { type: t };
      }
      return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display}`);
    }
    if (e.kind === 'field') {
      const cached = (e as TypeCached).$type;
      if (cached && cached.owner === this) return { type: cached.t };
      const inner = this.resolveTarget(e.target, f);
      if ('value' in inner) return { value: this.readField(inner.value, e, f) };
      const r = this.staticMember(inner.type, e.name, e.display, f, e.pos);
      if ('type' in r) (e as TypeCached).$type = { owner: this, t: r.type };
      return r;
    }
    return { value: this.eval(e, f) };
  }

  private evalField(e: Extract<Expr, { kind: 'field' }>, f: Frame): Value {
    const r = this.resolveTarget(e, f);
    if ('value' in r) return r.value;
    return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display} (it names a type)`);
  }

  /** `Type.name` where Type is not a value: static fields, inner types, enum constants, native statics. */
  private staticMember(t: TypeTarget, name: string, display: string, f: Frame, pos: Pos): Resolved {
    switch (t.kind) {
      case 'class': {
        const cls = t.cls;
        if (cls.kind === 'enum') {
          const ev = cls.enumValues.find((x) => x.name.toLowerCase() === name);
          if (ev) return { value: ev };
        }
        this.ensureStaticInit(cls);
        const m = cls.member(name);
        if (m && m.decl.isStatic) return { value: this.readMember(m, null, f) };
        const inner = cls.inner.get(name);
        if (inner) return { type: { kind: 'class', cls: inner } };
        break;
      }
      case 'nativeEnum':
        return { value: this.natives.enumValue(t.name, display) };
      case 'native': {
        const p = t.def.staticProps?.[name];
        if (p) return { value: this.native(() => p(this)) };
        const dyn = t.def.dynamicStaticProp;
        if (dyn) {
          const v = this.native(() => dyn(this, name));
          if (v !== undefined) return { value: v };
        }
        const sub = this.resolveTypeTarget([...t.name.split('.'), name], f);
        if (sub) return { type: sub };
        break;
      }
      case 'sobject':
        return { value: this.native(() => this.natives.sobjectTypeStatics().staticProp(this, t.api, display)) };
      case 'namespace': {
        const sub = this.resolveTypeTarget([t.name, name], f);
        if (sub) return { type: sub };
        break;
      }
      case 'trigger':
        return { value: this.triggerVar(name) };
    }
    return this.throwCompile(f, pos, `Variable does not exist: ${display}`);
  }

  private triggerVar(name: string): Value {
    const ctx = this.triggerStack[this.triggerStack.length - 1];
    if (name === 'isexecuting') return !!ctx;
    if (!ctx) return name.startsWith('is') ? false : null;
    const ev = ctx.inv.event;
    switch (name) {
      case 'new':
        return ctx.newList;
      case 'old':
        return ctx.oldList;
      case 'newmap':
        return ctx.newMap;
      case 'oldmap':
        return ctx.oldMap;
      case 'isinsert':
        return ev.endsWith('insert');
      case 'isupdate':
        return ev.endsWith('update');
      case 'isdelete':
        return ev.endsWith(' delete');
      case 'isundelete':
        return ev.endsWith('undelete');
      case 'isbefore':
        return ev.startsWith('before');
      case 'isafter':
        return ev.startsWith('after');
      case 'size':
        return (ctx.inv.newRecords ?? ctx.inv.oldRecords ?? []).length;
      case 'operationtype':
        return this.natives.enumValue('System.TriggerOperation', ev.replace(' ', '_').toUpperCase());
    }
    return this.throwApex('System.SObjectException', `Trigger.${name} is not a trigger context variable`);
  }

  /** Resolves a dotted path of canonical names to a type, or null when it names no type. */
  resolveTypeTarget(parts: string[], f: Frame | null): TypeTarget | null {
    const joined = parts.join('.');
    if (parts.length === 1 && parts[0] === 'trigger') return { kind: 'trigger' };
    const cls = this.registry.resolve(joined, f?.cls ?? null);
    if (cls && !(cls.isBuiltin && cls.kind === 'interface')) return { kind: 'class', cls };
    const ne =
      this.natives.enumFor(joined) ??
      (parts[0] === 'system' ? this.natives.enumFor(parts.slice(1).join('.')) : undefined);
    if (ne) return { kind: 'nativeEnum', name: ne.display.toLowerCase() };
    const def =
      this.natives.classFor(joined) ??
      (parts[0] === 'system' && parts.length > 1 ? this.natives.classFor(parts.slice(1).join('.')) : undefined);
    if (def) return { kind: 'native', def, name: def.name.toLowerCase() };
    if (parts.length <= 2) {
      const api =
        parts.length === 1 || parts[0] === 'schema' ? this.platform.schema.objectName(parts[parts.length - 1]) : null;
      if (api) return { kind: 'sobject', api };
    }
    if (parts.length === 1 && NAMESPACES.has(parts[0])) return { kind: 'namespace', name: parts[0] };
    return null;
  }

  readField(target: Value, e: { name: string; display: string; safe: boolean; pos: Pos }, f: Frame): Value {
    if (target === null) {
      if (e.safe) return null;
      f.pos = e.pos;
      return this.throwApex('System.NullPointerException', NPE);
    }
    // `[SELECT Name FROM Account LIMIT 1].Name`: a row list dereferenced like one row.
    if (
      target instanceof ApexList &&
      (target.items[0] instanceof SObject || (target.items.length === 0 && this.sobjectName(target.elementType.name)))
    ) {
      target = coerce(target, typeRef('SObject'), this);
    }
    if (target instanceof SObject) {
      const key = e.name;
      if (target.fields.has(key)) return target.fields.get(key)!;
      if (target.queried && !target.queried.has(key)) {
        this.throwApex(
          'System.SObjectException',
          `SObject row was retrieved via SOQL without querying the requested field: ${target.type}.${e.display}`
        );
      }
      return null;
    }
    if (target instanceof ApexObject) {
      const m = C(target).member(e.name);
      if (m) return this.readMember(m, m.decl.isStatic ? null : target, f);
      return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display}`);
    }
    const kind = nativeKindOf(target);
    const def = kind ? this.natives.classFor(kind) : undefined;
    const p = def?.props?.[e.name];
    if (p) return this.native(() => p(this, target));
    const dyn = def?.dynamicProp;
    if (dyn) {
      const v = this.native(() => dyn(this, target, e.name));
      if (v !== undefined) return v;
    }
    if (target instanceof ApexList && e.name === 'size')
      return this.throwCompile(f, e.pos, 'Variable does not exist: size');
    return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display} on ${runtimeTypeName(target)}`);
  }

  readMember(m: MemberInfo, self: ApexObject | null, f: Frame | null): Value {
    const store = this.storeFor(m, self);
    if (m.kind === 'prop' && m.decl.getter && !(f && f.accessor === m.decl && (f.self === self || !self))) {
      return this.runAccessor(m.decl, m.owner, self, m.decl.getter, null);
    }
    return store.get(m.decl.name) ?? null;
  }

  writeMember(m: MemberInfo, self: ApexObject | null, v: Value, f: Frame | null): Value {
    const value = coerce(v, m.decl.type, this);
    if (m.kind === 'prop' && m.decl.setter && !(f && f.accessor === m.decl && (f.self === self || !self))) {
      this.runAccessor(m.decl, m.owner, self, m.decl.setter, value);
      return value;
    }
    if (m.kind === 'prop' && m.decl.setter === undefined && !(f && f.accessor === m.decl)) {
      if (f && f.cls !== m.owner) this.throwApex('System.FinalException', `Property ${m.decl.display} is read-only`);
    }
    this.storeFor(m, self).set(m.decl.name, value);
    return value;
  }

  private storeFor(m: MemberInfo, self: ApexObject | null): Map<string, Value> {
    if (m.decl.isStatic) {
      this.ensureStaticInit(m.owner);
      let s = this.statics.get(m.owner);
      if (!s) this.statics.set(m.owner, (s = new Map<string, Value>()));
      return s;
    }
    if (!self) this.throwApex('System.NullPointerException', NPE);
    return self.fields;
  }

  private runAccessor(p: PropertyDecl, owner: ClassInfo, self: ApexObject | null, body: Block, value: Value): Value {
    const scope = new Scope(null);
    if (value !== null || body === p.setter) scope.declare('value', value, p.type);
    const frame: Frame = {
      cls: owner,
      self,
      scope,
      where: `Class.${owner.display}.${p.display}`,
      pos: p.pos,
      accessor: p,
      file: owner.decl?.file ?? ''
    };
    const sig = this.runFrame(frame, () => this.execBlock(body, frame));
    if (body === p.getter) return coerce(sig === RETURN ? this.retVal : null, p.type, this);
    return null;
  }

  assignTo(target: Expr, v: Value, f: Frame): Value {
    switch (target.kind) {
      case 'name': {
        const slot = f.scope.lookup(target.name);
        if (slot) return (slot.value = coerce(v, slot.type, this));
        const r = this.resolveImplicit(target.name, f);
        if (r) return this.writeMember(r.member, r.self, v, f);
        return this.throwCompile(f, target.pos, `Variable does not exist: ${target.display}`);
      }
      case 'field': {
        const inner = this.resolveTarget(target.target, f);
        if ('type' in inner) {
          const t = inner.type;
          if (t.kind === 'class') {
            this.ensureStaticInit(t.cls);
            const m = t.cls.member(target.name);
            if (m && m.decl.isStatic) return this.writeMember(m, null, v, f);
          }
          return this.throwCompile(f, target.pos, `Variable does not exist: ${target.display}`);
        }
        const obj = inner.value;
        if (obj === null) return this.throwApex('System.NullPointerException', NPE);
        if (obj instanceof SObject) {
          obj.set(this.fieldSpelling(obj, target.display), v instanceof ApexId || typeof v !== 'string' ? v : v);
          return v;
        }
        if (obj instanceof ApexObject) {
          const m = C(obj).member(target.name);
          if (m) return this.writeMember(m, m.decl.isStatic ? null : obj, v, f);
        }
        return this.throwCompile(f, target.pos, `Variable does not exist: ${target.display}`);
      }
      case 'index': {
        const t = this.eval(target.target, f);
        const i = this.eval(target.index, f);
        if (t === null) return this.throwApex('System.NullPointerException', NPE);
        if (t instanceof ApexList && typeof i === 'number') {
          if (i < 0 || i >= t.items.length) this.throwApex('System.ListException', `List index out of bounds: ${i}`);
          return (t.items[i] = coerce(v, t.elementType, this));
        }
        return this.throwApex('System.TypeException', 'Invalid index assignment');
      }
    }
    return this.throwCompile(f, target.pos, 'Expression cannot be assigned');
  }

  /** The declared API spelling of a field, so output shows `Subject` however the code spelled it. */
  private fieldSpelling(o: SObject, written: string): string {
    const key = o.typeKey + '.' + written.toLowerCase();
    let n = this.fieldNames.get(key);
    if (n === undefined) {
      n = this.platform.schema.fieldName(o.type, written);
      this.fieldNames.set(key, n);
    }
    return n ?? written;
  }

  // ----------------------------------------------------------------------- calls
  private evalArgs(args: Expr[], f: Frame): Value[] {
    const out = new Array<Value>(args.length);
    for (let i = 0; i < args.length; i++) out[i] = this.eval(args[i], f);
    return out;
  }

  private evalCall(e: Extract<Expr, { kind: 'call' }>, f: Frame): Value {
    if (e.target === null) {
      const args = this.evalArgs(e.args, f);
      f.pos = e.pos;
      return this.callBare(e.name, e.display, args, f);
    }
    if (e.target.kind === 'super') {
      const args = this.evalArgs(e.args, f);
      f.pos = e.pos;
      const sup = f.cls.superclass;
      if (!sup || !f.self)
        return this.throwCompile(f, e.pos, 'super is only valid in an instance method of a subclass');
      const m = this.selectMethod(sup.methods(e.name), args);
      if (m) return this.invoke(m, f.self, args);
      const builtin = this.objectBuiltin(f.self, e.name, args);
      if (builtin !== undefined) return builtin;
      return this.throwCompile(f, e.pos, `Method does not exist: super.${e.display}`);
    }
    // `record.Field.addError('m')` marks the field, not the field's value.
    if (e.name === 'adderror' && e.target.kind === 'field') {
      const owner = this.resolveTarget(e.target.target, f);
      if ('value' in owner && owner.value instanceof SObject) {
        const args = this.evalArgs(e.args, f);
        owner.value.errors.push({
          message: this.toApexString(args[0]),
          field: this.fieldSpelling(owner.value, e.target.display)
        });
        return null;
      }
    }
    const r = this.resolveTarget(e.target, f);
    const args = this.evalArgs(e.args, f);
    f.pos = e.pos;
    if ('type' in r) return this.callStatic(r.type, e.name, e.display, args, f);
    if (r.value === null) {
      if (e.safe) return null;
      return this.throwApex('System.NullPointerException', NPE);
    }
    return this.callMethod(r.value, e.name, args, f, e.display);
  }

  private callBare(name: string, display: string, args: Value[], f: Frame): Value {
    if (f.self) {
      const m = this.selectMethod(C(f.self).methods(name), args);
      if (m) return this.invoke(m, m.decl.isStatic ? null : f.self, args);
    }
    for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
      const m = this.selectMethod(c.methods(name), args);
      if (m) {
        if (!m.decl.isStatic && !f.self)
          return this.throwCompile(
            f,
            f.pos,
            `Non static method cannot be referenced from a static context: ${display}`
          );
        this.ensureStaticInit(m.owner);
        return this.invoke(m, m.decl.isStatic ? null : f.self, args);
      }
    }
    if (f.self) {
      const b = this.objectBuiltin(f.self, name, args);
      if (b !== undefined) return b;
    }
    return this.throwCompile(
      f,
      f.pos,
      `Method does not exist or incorrect signature: ${display}(${args.map(runtimeTypeName).join(', ')})`
    );
  }

  private callStatic(t: TypeTarget, name: string, display: string, args: Value[], f: Frame): Value {
    switch (t.kind) {
      case 'class': {
        const cls = t.cls;
        if (cls.kind === 'enum') {
          if (name === 'values') return new ApexList(typeRef(cls.display), cls.enumValues.slice());
          if (name === 'valueof') return this.enumValueOf(cls.enumValues, args[0]);
        }
        this.ensureStaticInit(cls);
        const m = this.selectMethod(
          cls.methods(name).filter((x) => x.decl.isStatic),
          args
        );
        if (m) return this.invoke(m, null, args);
        break;
      }
      case 'nativeEnum': {
        const ne = this.natives.enumFor(t.name)!;
        if (name === 'values') return new ApexList(typeRef(ne.display), ne.values.slice());
        if (name === 'valueof') return this.enumValueOf(ne.values, args[0]);
        break;
      }
      case 'native': {
        const fn = t.def.statics?.[name];
        if (fn) return this.native(() => fn(this, args, null));
        return this.native(() => unsupported(t.def.name, display, args));
      }
      case 'sobject':
        return this.native(() => this.natives.sobjectTypeStatics().staticCall(this, t.api, name, args));
      case 'namespace':
        return this.native(() => unsupported(t.name, display, args));
      case 'trigger':
        break;
    }
    return this.throwCompile(
      f,
      f.pos,
      `Method does not exist or incorrect signature: ${display}(${args.map(runtimeTypeName).join(', ')})`
    );
  }

  private enumValueOf(values: ApexEnumValue[], name: Value): Value {
    if (typeof name !== 'string') return null;
    return values.find((v) => v.name === name) ?? null;
  }

  /** Calls an instance method on any value: user objects dispatch virtually, others go to the standard library. */
  callMethod(target: Value, name: string, args: Value[], f: Frame | null, display = name): Value {
    if (target === null) return this.throwApex('System.NullPointerException', NPE);
    if (target instanceof ApexObject) {
      const m = this.selectMethod(C(target).methods(name), args);
      const stub = target.native.stubProvider;
      if (stub instanceof ApexObject && m && !m.decl.isStatic) return this.invokeStub(target, stub, m, args, f);
      if (m && m.decl.body) return this.invoke(m, m.decl.isStatic ? null : target, args);
      const b = this.objectBuiltin(target, name, args);
      if (b !== undefined) return b;
      return this.throwMissing(f, display, target, args);
    }
    if (target instanceof ApexEnumValue) {
      switch (name) {
        case 'name':
          return target.name;
        case 'ordinal':
          return target.ordinal;
        case 'equals':
          return this.equals(target, args[0]);
        case 'hashcode':
          return hashString(target.enumType + '.' + target.name);
        case 'compareto':
          return target.ordinal - (args[0] as ApexEnumValue).ordinal;
        case 'tostring':
          return target.name;
      }
    }
    const kind = nativeKindOf(target);
    const def = kind ? this.natives.classFor(kind) : undefined;
    const fn = def?.instance?.[name];
    if (fn) return this.native(() => fn(this, args, target));
    if (name === 'equals' && args.length === 1) return this.equals(target, args[0]);
    if (name === 'hashcode' && args.length === 0) return hashString(this.keyOf(target));
    if (name === 'tostring' && args.length === 0) return this.toApexString(target);
    return this.native(() => unsupported(def?.name ?? runtimeTypeName(target), display, args));
  }

  /**
   * A method called on an object made by `Test.createStub` goes to its provider's `handleMethodCall(stubbedObject,
   * stubbedMethodName, returnType, listOfParamTypes, listOfParamNames, listOfArgs)`; the answer is cast to the return type.
   */
  private invokeStub(target: ApexObject, provider: ApexObject, m: MethodInfo, args: Value[], f: Frame | null): Value {
    const d = m.decl;
    const typeOf = (t: TypeRef) => new ApexTypeValue(this.canonicalType(this.typeFrom(t, m.owner)));
    const answer = this.callMethod(
      provider,
      'handlemethodcall',
      [
        target,
        d.display,
        typeOf(d.returnType ?? typeRef('void')),
        new ApexList(
          typeRef('Type'),
          d.params.map((p) => typeOf(p.type))
        ),
        new ApexList(
          typeRef('String'),
          d.params.map((p) => p.display)
        ),
        new ApexList(typeRef('Object'), [...args])
      ],
      f,
      'handleMethodCall'
    );
    return d.returnType ? cast(answer, d.returnType, this) : null;
  }

  private throwMissing(f: Frame | null, display: string, target: Value, args: Value[]): never {
    const msg = `Method does not exist or incorrect signature: void ${display}(${args.map(runtimeTypeName).join(', ')}) from the type ${runtimeTypeName(target)}`;
    if (f) this.throwCompile(f, f.pos, msg);
    throw new UnsupportedFeatureError(msg);
  }

  /** Methods every object has (toString/equals/hashCode) and the built-in exception methods. */
  private objectBuiltin(o: ApexObject, name: string, args: Value[]): Value | undefined {
    if (C(o).isException) {
      const n = o.native as ExceptionState;
      const row = (i: Value) => (n.dmlRows ?? [])[typeof i === 'number' ? i : 0];
      switch (name) {
        case 'getmessage':
          return n.message ?? null;
        case 'setmessage':
          n.message = args[0] as string;
          if (n.clientMessage !== undefined) n.clientMessage = n.message;
          return null;
        case 'getcause':
          return n.cause ?? null;
        case 'initcause':
          n.cause = args[0] as ApexObject;
          return null;
        case 'gettypename':
          return o.cls.display;
        case 'getlinenumber':
          return n.line ?? -1;
        case 'getstacktracestring':
          return (n.stack ?? []).join('\n');
        case 'tostring':
          return `${o.cls.display}: ${n.message ?? 'null'}`;
        case 'getnumdml':
          return (n.dmlRows ?? []).length;
        case 'getdmlmessage':
          return row(args[0])?.message ?? null;
        case 'getdmlid':
          return row(args[0])?.id ?? null;
        case 'getdmlindex':
          return row(args[0])?.index ?? null;
        case 'getdmlfieldnames':
          return new ApexList(typeRef('String'), [...(row(args[0])?.fields ?? [])]);
        case 'getdmltype': {
          const r = row(args[0]);
          return r ? this.natives.enumValue('System.StatusCode', r.statusCode) : null;
        }
        case 'getdmlstatuscode':
          return row(args[0])?.statusCode ?? null;
      }
    }
    switch (name) {
      case 'tostring':
        if (args.length === 0) return this.objectToString(o);
        break;
      case 'equals':
        if (args.length === 1) return o === args[0];
        break;
      case 'hashcode':
        if (args.length === 0) return hashString(keyOf(o));
        break;
    }
    return undefined;
  }

  private userEquals(a: ApexObject, b: Value): boolean | undefined {
    const m = this.selectMethod(C(a).methods('equals'), [b]);
    if (!m || !m.decl.body) return undefined;
    return this.invoke(m, a, [b]) === true;
  }

  objectToString(o: ApexObject | NativeObject): string {
    if (o instanceof NativeObject) {
      const fn = this.natives.classFor(o.nativeType)?.instance?.['tostring'];
      return fn ? this.toApexString(fn(this, [], o)) : o.nativeType;
    }
    const m = this.selectMethod(C(o).methods('tostring'), []);
    if (m && m.decl.body) return this.toApexString(this.invoke(m, o, []));
    if (C(o).isException) return `${o.cls.display}: ${(o.native as ExceptionState).message ?? 'null'}`;
    // Default Apex rendering of a user object [mem]: `Name:[field=value, …]`, an inner class by its own name.
    const parts = C(o)
      .instanceMembers()
      .map((m2) => `${m2.decl.display}=${this.toApexString(o.fields.get(m2.decl.name) ?? null)}`);
    return `${o.cls.display.split('.').pop()}:[${parts.join(', ')}]`;
  }

  selectMethod(cands: MethodInfo[], args: Value[]): MethodInfo | null {
    let best: MethodInfo | null = null;
    let bestScore = -1;
    let count = 0;
    for (const m of cands) {
      if (m.decl.params.length !== args.length) continue;
      count++;
      if (count === 1) best = m;
      let score = 0;
      for (let i = 0; i < args.length; i++) {
        const s = matchScore(args[i], m.decl.params[i].type, this);
        if (s < 0) {
          score = -1;
          break;
        }
        score += s;
      }
      if (score > bestScore) {
        bestScore = score;
        best = m;
      }
    }
    return best;
  }

  /** Runs a user method with a fresh frame. */
  invoke(m: MethodInfo, self: ApexObject | null, args: Value[]): Value {
    const d: MethodDecl = m.decl;
    if (!d.body)
      return this.throwApex(
        'System.TypeException',
        `Abstract method ${m.owner.display}.${d.display} has no implementation`
      );
    const scope = new Scope(null);
    const ps = d.params;
    for (let i = 0; i < ps.length; i++) scope.declare(ps[i].name, coerce(args[i], ps[i].type, this), ps[i].type);
    const frame: Frame = {
      cls: m.owner,
      self,
      scope,
      where: `Class.${m.owner.display}.${d.display}`,
      pos: d.pos,
      accessor: null,
      file: m.owner.decl?.file ?? ''
    };
    const sig = this.runFrame(frame, () => this.execBlock(d.body!, frame));
    if (!d.returnType) return null;
    const rv = sig === RETURN ? this.retVal : null;
    this.retVal = null;
    return coerce(rv, d.returnType, this);
  }

  private runFrame(frame: Frame, body: () => Signal): Signal {
    if (this.stack.length >= MAX_DEPTH)
      this.throwApex('System.LimitException', `Maximum stack depth reached: ${MAX_DEPTH + 1}`);
    this.stack.push(frame);
    try {
      return body();
    } catch (e) {
      // A JS stack overflow unwinds untouched until a try statement or the top level has room to handle it.
      if (e instanceof ApexThrow || isStackOverflow(e)) throw e;
      const t = this.asApexThrow(e);
      if (t) throw t;
      this.failurePos ??= { file: frame.file, line: frame.pos.line, col: frame.pos.col, where: frame.where };
      throw e;
    } finally {
      this.stack.pop();
    }
  }

  /** Where a non-Apex failure (unsupported feature, internal error) happened: the innermost Apex frame. */
  failurePos: { file: string; line: number; col: number; where: string } | null = null;

  /** Calls native code; Apex exceptions it raises get the current Apex stack. */
  native<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ApexRuntimeError) throw this.asApexThrow(e);
      throw e;
    }
  }

  // ----------------------------------------------------------------------- object creation
  private evalNew(e: Extract<Expr, { kind: 'new' }>, f: Frame): Value {
    const api = this.sobjectName(e.type.name);
    const n = stripSystem(e.type.name);
    if (api && !this.classFor(e.type)) {
      const o = new SObject(api);
      for (const [k, v] of Object.entries(this.platform.schema.newRecordDefaults(api))) o.set(k, v);
      for (const a of e.args) {
        if (a.kind !== 'assign' || a.target.kind !== 'name')
          return this.throwCompile(f, a.pos, `new ${api}(...) takes Field = value pairs`);
        const field = this.platform.schema.fieldName(api, a.target.display);
        if (!field) this.throwApex('System.SObjectException', `Invalid field ${a.target.display} for ${api}`);
        o.set(field, this.eval(a.value, f));
      }
      return o;
    }
    const args = this.evalArgs(e.args, f);
    f.pos = e.pos;
    if (n === 'list' || n === 'set' || n === 'map') return this.newCollection(e.type, args);
    return this.instantiate(e.type, args, e.pos);
  }

  private newCollection(t: TypeRef, args: Value[]): Value {
    const n = stripSystem(t.name);
    if (n === 'list') {
      const el = t.args[0] ?? OBJECT_T;
      const src = args[0];
      if (args.length === 0) return new ApexList(el, []);
      if (src instanceof ApexList)
        return new ApexList(
          el,
          src.items.map((x) => coerce(x, el, this))
        );
      if (src instanceof ApexSet)
        return new ApexList(
          el,
          src.values().map((x) => coerce(x, el, this))
        );
      if (typeof src === 'number') return new ApexList(el, []);
      if (src === null) return this.throwApex('System.NullPointerException', NPE);
    }
    if (n === 'set') {
      const el = t.args[0] ?? OBJECT_T;
      const s = new ApexSet(el);
      const src = args[0];
      if (args.length === 0) return s;
      if (src === null) return this.throwApex('System.NullPointerException', NPE);
      const items = src instanceof ApexList ? src.items : src instanceof ApexSet ? src.values() : null;
      if (items) {
        for (const x of items) this.setAdd(s, coerce(x, el, this));
        return s;
      }
    }
    if (n === 'map') {
      const m = new ApexMap(t.args[0] ?? OBJECT_T, t.args[1] ?? OBJECT_T);
      const src = args[0];
      if (args.length === 0) return m;
      if (src === null) return this.throwApex('System.NullPointerException', NPE);
      if (src instanceof ApexMap) {
        for (const [k, v] of src.entries.values()) this.mapPut(m, k, v);
        return m;
      }
      if (src instanceof ApexList) {
        for (const r of src.items) {
          if (!(r instanceof SObject))
            return this.throwApex('System.TypeException', 'Map constructor takes a list of SObjects');
          if (!r.id) this.throwApex('System.ListException', 'Row with null Id at index: ' + src.items.indexOf(r));
          this.mapPut(m, r.id, r);
        }
        return m;
      }
    }
    return this.throwApex('System.TypeException', `Invalid constructor arguments for ${t.display}`);
  }

  private setAdd(s: ApexSet, v: Value): void {
    const k = this.keyOf(v);
    if (!s.entries.has(k)) s.entries.set(k, v);
  }

  private mapPut(m: ApexMap, k: Value, v: Value): void {
    m.entries.set(this.keyOf(k), [k, v]);
  }

  /** `new T(args)` for user classes, built-in exceptions and native classes. */
  instantiate(t: TypeRef, args: Value[], pos: Pos): Value {
    const cls = this.classFor(t);
    if (cls) {
      if (cls.kind !== 'class') this.throwApex('System.TypeException', `Cannot instantiate ${cls.kind} ${cls.display}`);
      if (cls.decl?.modifiers.has('abstract'))
        this.throwApex('System.TypeException', `Abstract classes cannot be instantiated: ${cls.display}`);
      this.ensureStaticInit(cls);
      const o = new ApexObject(cls);
      if (cls.isException) this.initExceptionState(o);
      this.construct(cls, o, args, pos);
      return o;
    }
    const def = this.natives.classFor(t.name);
    if (def?.construct) {
      const c = def.construct;
      return this.native(() => c(this, args, null));
    }
    if (def) return this.native(() => unsupported(def.name, 'new', args));
    return this.throwApex('System.TypeException', `Invalid type: ${t.display}`);
  }

  private instantiateForDeserialize(cls: ClassInfo): ApexObject {
    this.ensureStaticInit(cls);
    const o = new ApexObject(cls);
    const noArg = cls.ctors.find((c) => c.params.length === 0);
    if (noArg || cls.ctors.length === 0) this.construct(cls, o, [], cls.decl?.pos ?? { line: 0, col: 0 });
    else this.runInstanceInit(cls, o);
    return o;
  }

  private construct(cls: ClassInfo, o: ApexObject, args: Value[], pos: Pos): void {
    if (cls.isBuiltin) {
      if (cls.isException) this.exceptionCtorArgs(o, args);
      return;
    }
    const ctors = cls.ctors;
    let ctor: CtorDecl | null = null;
    if (ctors.length === 0) {
      if (cls.isException) {
        // User exceptions get the four platform constructors automatically.
        if (cls.superclass) this.construct(cls.superclass, o, args, pos);
        this.runInstanceInit(cls, o);
        return;
      }
      if (args.length > 0)
        this.throwApex(
          'System.TypeException',
          `Constructor not defined: [${cls.display}].<Constructor>(${args.map(runtimeTypeName).join(', ')})`
        );
    } else {
      ctor = this.selectCtor(ctors, args);
      if (!ctor)
        return void this.throwApex(
          'System.TypeException',
          `Constructor not defined: [${cls.display}].<Constructor>(${args.map(runtimeTypeName).join(', ')})`
        );
    }
    const scope = new Scope(null);
    if (ctor) ctor.params.forEach((p, i) => scope.declare(p.name, coerce(args[i], p.type, this), p.type));
    const frame: Frame = {
      cls,
      self: o,
      scope,
      where: `Class.${cls.display}.<init>`,
      pos: ctor?.pos ?? pos,
      accessor: null,
      file: cls.decl?.file ?? ''
    };
    this.runFrame(frame, () => {
      const body = ctor?.body.stmts ?? [];
      let start = 0;
      const first = body[0];
      if (first && first.kind === 'expr' && first.expr.kind === 'ctorCall') {
        start = 1;
        frame.pos = first.pos;
        if (this.coverage) this.cover(frame.file, first.pos.line);
        const callArgs = this.evalArgs(first.expr.args, frame);
        if (first.expr.which === 'this') {
          this.construct(cls, o, callArgs, first.pos);
          return this.execStmts(body, start, frame);
        }
        if (cls.superclass) this.construct(cls.superclass, o, callArgs, first.pos);
      } else if (cls.superclass) {
        this.construct(cls.superclass, o, [], pos);
      }
      this.runInstanceInit(cls, o);
      return this.execStmts(body, start, frame);
    });
  }

  private execStmts(stmts: Stmt[], start: number, f: Frame): Signal {
    f.scope = new Scope(f.scope);
    for (let i = start; i < stmts.length; i++) {
      const sig = this.exec(stmts[i], f);
      if (sig !== NORMAL) return sig;
    }
    return NORMAL;
  }

  private selectCtor(ctors: CtorDecl[], args: Value[]): CtorDecl | null {
    const fake = ctors.map((c) => ({
      decl: { params: c.params } as MethodDecl,
      owner: null as unknown as ClassInfo,
      ctor: c
    }));
    const m = this.selectMethod(fake, args) as (MethodInfo & { ctor: CtorDecl }) | null;
    return m ? m.ctor : null;
  }

  private runInstanceInit(cls: ClassInfo, o: ApexObject): void {
    const d = cls.decl;
    if (!d) return;
    for (const p of d.properties) if (!p.isStatic && !o.fields.has(p.name)) o.fields.set(p.name, null);
    for (const fd of d.fields) if (!fd.isStatic && !o.fields.has(fd.name)) o.fields.set(fd.name, null);
    this.runInitializers(cls, o, d.instanceInit, 'init', (name, v) => o.fields.set(name, v));
  }

  /** Static initialisation runs once per class per static generation, on first use, superclass first. */
  ensureStaticInit(cls: ClassInfo): void {
    if (cls.staticGeneration === this.staticGeneration) return;
    cls.staticGeneration = this.staticGeneration;
    if (cls.superclass) this.ensureStaticInit(cls.superclass);
    const d = cls.decl;
    if (!d) return;
    const store = new Map<string, Value>();
    this.statics.set(cls, store);
    for (const fd of d.fields) if (fd.isStatic) store.set(fd.name, null);
    for (const p of d.properties) if (p.isStatic) store.set(p.name, null);
    this.runInitializers(cls, null, d.staticInit, 'clinit', (name, v) => store.set(name, v));
  }

  /**
   * Runs field initialisers and initialiser blocks in declaration order, in a frame of their own, the way Apex runs
   * them for `new` (instance) and on a class's first use (static). `assign` stores each initialised field.
   */
  private runInitializers(
    cls: ClassInfo,
    self: ApexObject | null,
    steps: InitStep[],
    kind: 'init' | 'clinit',
    assign: (name: string, value: Value) => void
  ): void {
    const d = cls.decl;
    if (!d || steps.length === 0) return;
    const frame: Frame = {
      cls,
      self,
      scope: new Scope(null),
      where: `Class.${cls.display}.<${kind}>`,
      pos: d.pos,
      accessor: null,
      file: d.file
    };
    this.runFrame(frame, () => {
      for (const step of steps) {
        if (step.kind === 'field') {
          if (step.field.init) {
            frame.pos = step.field.pos;
            if (this.coverage) this.cover(d.file, step.field.pos.line);
            assign(step.field.name, coerce(this.eval(step.field.init, frame), step.field.type, this));
          }
        } else this.execBlock(step.block, frame);
      }
      return NORMAL;
    });
  }

  // ----------------------------------------------------------------------- exceptions
  private initExceptionState(o: ApexObject): void {
    const n = o.native as ExceptionState;
    n.stack = this.stackLines();
    const top = this.topFrame();
    n.line = top?.pos.line ?? -1;
    n.message = null;
  }

  private exceptionCtorArgs(o: ApexObject, args: Value[]): void {
    const n = o.native as ExceptionState;
    // AuraHandledException hides its constructor message from getMessage() until setMessage() is called [mem].
    // The Lightning client still receives the constructor's message (AuraHandledException's purpose) [doc: Handle Errors
    // from Apex].
    if (o.cls.isSubtypeOf('system.aurahandledexception')) {
      n.message = 'Script-thrown exception';
      n.clientMessage = args.find((a): a is string => typeof a === 'string') ?? null;
      return;
    }
    for (const a of args) {
      if (typeof a === 'string') n.message = a;
      else if (a instanceof ApexObject && C(a).isException) {
        n.cause = a;
        if (args.length === 1) n.message = `${a.cls.display}: ${(a.native as ExceptionState).message ?? 'null'}`;
      }
    }
  }

  stackLines(): string[] {
    const out: string[] = [];
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const fr = this.stack[i];
      out.push(`${fr.where}: line ${fr.pos.line}, column ${fr.pos.col}`);
    }
    return out;
  }

  /** Builds an exception object of a built-in or user exception type. */
  makeException(typeName: string, message: string): ApexObject {
    const canonical = typeName.toLowerCase();
    const cls =
      this.registry.resolve(canonical, null) ??
      this.registry.resolve(canonical.replace(/^system\./, ''), null) ??
      this.registry.exceptionBase;
    const o = new ApexObject(cls);
    this.initExceptionState(o);
    (o.native as ExceptionState).message = message;
    return o;
  }

  throwApex(typeName: string, message: string): never {
    throw new ApexThrow(this.makeException(typeName, message));
  }

  /** Code the platform compiler would have rejected; reported at file:line like a compile error. */
  throwCompile(f: Frame, pos: Pos, message: string): never {
    throw new SourceError(f.file, pos.line, pos.col, message);
  }
}

export interface ExceptionState {
  message?: string | null;
  /** AuraHandledException only: the message a Lightning component receives in `error.body.message`. */
  clientMessage?: string | null;
  cause?: ApexObject | null;
  stack?: string[];
  line?: number;
  dmlRows?: { index: number; id: ApexId | null; statusCode: string; message: string; fields: string[] }[];
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.includes('call stack');
}

export function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Parses a type as written in Apex source or `Type.forName`: `Map<String, List<Foo.Bar>>`. */
export function parseTypeString(text: string): TypeRef | null {
  let i = 0;
  const s = text.replace(/\s+/g, '');
  const parse = (): TypeRef | null => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    const args: TypeRef[] = [];
    if (s[i] === '<') {
      i++;
      for (;;) {
        const a = parse();
        if (!a) return null;
        args.push(a);
        if (s[i] === ',') i++;
        else if (s[i] === '>') {
          i++;
          break;
        } else return null;
      }
    }
    let t: TypeRef = {
      name: m[0].toLowerCase(),
      args,
      display: args.length ? `${m[0]}<${args.map((a) => a.display).join(', ')}>` : m[0]
    };
    while (s.slice(i, i + 2) === '[]') {
      i += 2;
      t = { name: 'list', args: [t], display: `List<${t.display}>` };
    }
    return t;
  };
  const t = parse();
  return t && i === s.length ? t : null;
}

export type { Param };
