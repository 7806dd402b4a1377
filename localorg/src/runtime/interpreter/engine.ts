/**
 * The interpreter's state and frame discipline: the call stack, statics, the async queue, CPU accounting and
 * coverage. The interpreter is one class per concern in a chain (engine < exceptions < type environment < members <
 * invocation < construction < expressions < statements < triggers < Interpreter); a method a lower class calls but a
 * higher one defines is declared abstract here.
 */
/* eslint-disable @typescript-eslint/only-throw-error --
   Apex exceptions travel as ApexThrow, deliberately not an Error: no JS stack is captured on every Apex throw. */
import { Resolver, type ArgTypes } from '../../semantics/resolver.js';
import type { DataAccess, DataPlatform, DeferredWork, TriggerInvocation } from '../data-platform.js';
import { operationAccess } from '../sharing.js';
import type { Block, Expr, Pos, Stmt, TriggerDecl } from '../../syntax/ast.js';
import { type ClassInfo, ClassRegistry, type MemberInfo } from '../../semantics/classes.js';
import type { NativeClassDef, NativeLibrary } from '../natives.js';

import type { RunningUser } from '../../values/user.js';
import { ApexThrow, NORMAL, StaticScope, type Ex, type Frame, type Local, type Signal } from '../scope.js';
import {
  type ApexList,
  type ApexMap,
  type ApexObject,
  ApexRuntimeError,
  type NativeObject,
  typeRef,
  type TypeRef,
  type Value
} from '../../values/values.js';

export const C = (o: ApexObject): ClassInfo => o.cls as ClassInfo;
export const NPE = 'Attempt to de-reference a null object';
/** Thrown by a `?.` that meets null inside a chain; the chain's outermost access catches it and answers null. */
export const SHORT_CIRCUIT = new Error('safe navigation short circuit');
export const OBJECT_T = typeRef('Object');
export const MAX_DEPTH = 1000;

/** What a dotted name resolved to when it is not a value. */
export type TypeTarget =
  | { kind: 'class'; cls: ClassInfo }
  | { kind: 'native'; def: NativeClassDef; name: string }
  | { kind: 'nativeEnum'; name: string }
  | { kind: 'sobject'; api: string }
  | { kind: 'namespace'; name: string }
  | { kind: 'trigger' };

export interface TriggerCtx {
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

export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.includes('call stack');
}

export function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

export abstract class Engine {
  readonly registry = new ClassRegistry();

  readonly platform: DataPlatform;

  readonly natives: NativeLibrary;

  protected readonly baseUser: RunningUser;

  /** The user `System.runAs` switched to, while its block runs. */
  protected runAsUser: RunningUser | null = null;

  protected readonly triggers = new Map<string, TriggerDecl[]>();

  protected readonly stack: Frame[] = [];

  protected triggerStack: TriggerCtx[] = [];

  protected statics = new Map<ClassInfo, Map<string, Value>>();

  protected staticGeneration = 0;

  protected retVal: Value = null;

  protected fieldNames = new Map<string, string | null>();

  /** Executed lines per file, when coverage is on. */
  coverage: Map<string, Set<number>> | null = null;

  runningTest = false;

  /** Async Apex a test method queued, run at `Test.stopTest()`. */
  asyncQueue: DeferredWork[] = [];

  /** Per-test state native modules may keep (Test.startTest's limit restorer, mocks…), reset with statics. */
  testState: Record<string, unknown> = {};

  /** The running transaction's `System.Quiddity` name, when its starter set one (see NativeContext). */
  quiddity: string | null = null;

  debugSink: (line: number, level: string, message: string) => void;

  protected readonly nowFn: () => number;

  /** Static types and overload choices of the loaded code (see semantics/resolver.ts). */
  readonly resolver: Resolver;

  constructor(opts: InterpreterOptions) {
    this.resolver = new Resolver(this.registry, {
      sobjectName: (name) => this.sobjectName(name),
      namesOtherType: (parts) => this.namesOtherType(parts)
    });
    this.platform = opts.platform;
    this.natives = opts.natives;
    this.baseUser = opts.user;
    this.debugSink =
      opts.debug ?? ((line, level, message) => process.stdout.write(`USER_DEBUG|[${line}]|${level}|${message}\n`));
    this.nowFn = opts.now ?? (() => Date.now());
  }

  /** The running user: the org's, or the one a `System.runAs` block runs as. */
  get user(): RunningUser {
    return this.runAsUser ?? this.baseUser;
  }

  /** The access of a database operation made now (`level`: an explicit AccessLevel, or null for the default). */
  dataAccess(level: 'user' | 'system' | null): DataAccess {
    return operationAccess(this.stack, level);
  }

  /** Fresh static variables (a new transaction in the test runner): every class re-initialises lazily. */
  resetStatics(): void {
    this.resetCpuClock();
    this.statics = new Map();
    this.staticGeneration++;
    this.asyncQueue = [];
    this.testState = {};
    this.quiddity = null;
    this.triggerStack = [];
  }

  /** Async Apex: held for `Test.stopTest()` in a test method, else until this transaction commits. */
  enqueueAsync(work: DeferredWork): void {
    if (this.runningTest) this.asyncQueue.push(work);
    else this.platform.deferUntilCommit(work);
  }

  protected ticks = 0;

  /** Where a non-Apex failure (unsupported feature, internal error) happened: the innermost Apex frame. */
  failurePos: { file: string; line: number; col: number; where: string } | null = null;

  /** `toApexString` as a stable function, so operators get no fresh closure per call. */
  protected readonly str = (x: Value): string => this.toApexString(x);

  topFrame(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  protected runFrame(frame: Frame, body: () => Signal): Signal {
    this.pushFrame(frame);
    try {
      return body();
    } catch (e) {
      throw this.frameFailure(e, frame);
    } finally {
      this.stack.pop();
    }
  }

  /** {@link runFrame} for a compiled body, without a closure per call (the path of every method call). */
  protected runBody(frame: Frame, seq: readonly Ex[]): Signal {
    this.pushFrame(frame);
    try {
      return this.runSeq(seq, 0, frame);
    } catch (e) {
      throw this.frameFailure(e, frame);
    } finally {
      this.stack.pop();
    }
  }

  private pushFrame(frame: Frame): void {
    if (this.stack.length >= MAX_DEPTH)
      this.throwApex('System.LimitException', `Maximum stack depth reached: ${MAX_DEPTH + 1}`);
    this.stack.push(frame);
  }

  /** What leaves a frame that failed: Apex exceptions as they are, host errors as Apex exceptions or marked here. */
  private frameFailure(e: unknown, frame: Frame): unknown {
    // A JS stack overflow unwinds untouched until a try statement or the top level has room to handle it.
    if (e instanceof ApexThrow || isStackOverflow(e)) return e;
    const t = this.asApexThrow(e);
    if (t) return t;
    this.failurePos ??= { file: frame.file, line: frame.pos.line, col: frame.pos.col, where: frame.where };
    return e;
  }

  /** Runs a body as the outermost Apex frame: host errors become Apex exceptions with this frame in their stack. */
  protected runTopLevel(frame: Frame, body: () => unknown): void {
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

  /** Calls native code; Apex exceptions it raises get the current Apex stack. */
  native<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ApexRuntimeError) throw this.asApexThrow(e);
      throw e;
    }
  }

  /**
   * Charges the CPU time (the thread's, not wall time) spent since the last charge to the CPU limit, every 2,048
   * statements, so a runaway loop ends in `System.LimitException: Apex CPU time limit exceeded` instead of hanging.
   */
  protected chargeCpu(): void {
    this.ticks = 0;
    this.native(() => this.platform.limits.chargeElapsedCpu());
  }

  /** Starts CPU accounting afresh (new transaction or test method). */
  resetCpuClock(): void {
    this.ticks = 0;
    this.platform.limits.restartCpuClock();
  }

  /** Compiled bodies (methods, constructors, accessors) with the scope their parameters are declared in. */
  private readonly bodies = new WeakMap<object, { scope: StaticScope; seq: Ex[] }>();

  /** A body compiled once per interpreter: parameters in slots 0…n-1 of its root scope, statements in a child. */
  protected compiledBody(
    key: object,
    params: readonly { name: string; type: TypeRef }[],
    stmts: readonly Stmt[]
  ): { scope: StaticScope; seq: Ex[] } {
    let b = this.bodies.get(key);
    if (!b) {
      const scope = StaticScope.root(params);
      b = { scope, seq: this.compileSeq(stmts, scope.child()) };
      this.bodies.set(key, b);
    }
    return b;
  }

  /** What each compiled name node resolved to: a local's slot, or null for a member, a static or a type. */
  protected readonly localsOfNames = new WeakMap<Expr, Local | null>();

  /**
   * The local a name denotes, as decided when it was compiled; a name never compiled (a dynamic SOQL bind) is looked up
   * in the scope the frame is in.
   */
  protected localOf(e: Extract<Expr, { kind: 'name' }>, f: Frame): Local | undefined {
    const known = this.localsOfNames.get(e);
    if (known === undefined) return f.scope.lookup(e.name);
    return known ?? undefined;
  }

  /** Runs compiled statements from `start` until one completes abruptly (break, continue, return). */
  protected runSeq(seq: readonly Ex[], start: number, f: Frame): Signal {
    for (let i = start; i < seq.length; i++) {
      const sig = seq[i](f);
      if (sig !== NORMAL) return sig;
    }
    return NORMAL;
  }

  protected cover(file: string, line: number): void {
    let set = this.coverage!.get(file);
    if (!set) this.coverage!.set(file, (set = new Set()));
    set.add(line);
  }

  // Defined by the classes above this one in the chain.
  abstract asApexThrow(e: unknown): ApexThrow | null;
  abstract callMethod(
    target: Value,
    name: string,
    args: Value[],
    f: Frame | null,
    display?: string,
    types?: ArgTypes
  ): Value;
  abstract ensureStaticInit(cls: ClassInfo): void;
  abstract eval(e: Expr, f: Frame): Value;
  abstract exec(s: Stmt, f: Frame): Signal;
  abstract compileSeq(stmts: readonly Stmt[], sc: StaticScope): Ex[];
  abstract execBlock(b: Block, f: Frame): Signal;
  abstract sobjectName(name: string): string | null;
  abstract namesOtherType(parts: string[]): boolean;
  abstract instantiate(t: TypeRef, args: Value[], pos: Pos, types?: ArgTypes): Value;
  protected abstract instantiateForDeserialize(cls: ClassInfo): ApexObject;
  abstract objectToString(o: ApexObject | NativeObject): string;
  abstract readMember(m: MemberInfo, self: ApexObject | null, f: Frame | null): Value;
  abstract throwApex(typeName: string, message: string): never;
  abstract toApexString(v: Value): string;
  protected abstract userEquals(a: ApexObject, b: Value): boolean | undefined;
  abstract writeMember(m: MemberInfo, self: ApexObject | null, v: Value, f: Frame | null): Value;
}
