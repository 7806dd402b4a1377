/**
 * Interpreter frames and lexical scopes. A variable keeps its declared type so that assignment applies Apex's
 * implicit conversions (`Double d = 5` stores a Double, `Long l = 5` a Long).
 */
import type { Pos, PropertyDecl } from '../syntax/ast.js';
import type { ClassInfo } from '../semantics/classes.js';
import type { ApexObject, TypeRef, Value } from '../values/values.js';

/** A local variable as the compiler sees it: its slot in the frame and its declared type. */
export interface Local {
  readonly slot: number;
  readonly type: TypeRef;
}

/**
 * A lexical scope at compile time: which local names are visible and in which frame slot each lives. Scopes exist
 * only while code is compiled (and for the rare name looked up at run time, such as a dynamic SOQL bind); a running
 * frame holds nothing but its slots. All scopes of one body (method, constructor, accessor, trigger, anonymous
 * block) share one slot counter.
 */
export class StaticScope {
  readonly vars = new Map<string, Local>();

  private constructor(
    readonly parent: StaticScope | null,
    private readonly unit: { slots: number }
  ) {}

  /** The outermost scope of a body, with its parameters in slots 0, 1, … */
  static root(params: readonly { name: string; type: TypeRef }[] = []): StaticScope {
    const s = new StaticScope(null, { slots: 0 });
    for (const p of params) s.declare(p.name, p.type);
    return s;
  }

  child(): StaticScope {
    return new StaticScope(this, this.unit);
  }

  lookup(name: string): Local | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  declare(name: string, type: TypeRef): Local {
    const local = { slot: this.unit.slots++, type };
    this.vars.set(name, local);
    return local;
  }
}

export interface Frame {
  /** The class whose code runs (for name resolution and static lookups). */
  cls: ClassInfo;
  self: ApexObject | null;
  /** The compile-time scope of the statement running now (names visible to a bind evaluated at run time). */
  scope: StaticScope;
  /** The values of the locals, by the slots the compiler gave them. */
  slots: Value[];
  /** Stack-trace label: `Class.Foo.bar`, `AnonymousBlock`, `Trigger.EventTrigger`. */
  where: string;
  /** Position of the statement or call being executed. */
  pos: Pos;
  /** Set while running a property accessor: inside it the property name means the backing value. */
  accessor: PropertyDecl | null;
  file: string;
  /** Whether record sharing applies to this frame's database operations, once worked out (runtime/sharing.ts). */
  sharing?: boolean;
}

/** An Apex exception in flight. Not an Error subclass, so throwing it captures no JS stack. */
export class ApexThrow {
  constructor(readonly exception: ApexObject) {}
}

/** Statement completion signals. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;
export type Signal = 0 | 1 | 2 | 3;

/** A compiled expression: evaluates in a frame. */
export type Ev = (f: Frame) => Value;
/** A compiled statement: runs in a frame and says how it completed. */
export type Ex = (f: Frame) => Signal;
