/**
 * Interpreter frames and lexical scopes. A variable keeps its declared type so that assignment applies Apex's
 * implicit conversions (`Double d = 5` stores a Double, `Long l = 5` a Long).
 */
import type { Pos, PropertyDecl } from '../syntax/ast.js';
import type { ClassInfo } from '../semantics/classes.js';
import type { ApexObject, TypeRef, Value } from '../values/values.js';

export class Var {
  constructor(
    public value: Value,
    readonly type: TypeRef
  ) {}
}

export class Scope {
  readonly vars = new Map<string, Var>();
  constructor(readonly parent: Scope | null) {}

  lookup(name: string): Var | undefined {
    const own = this.vars.get(name);
    if (own) return own;
    for (let s = this.parent; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }

  declare(name: string, value: Value, type: TypeRef): void {
    this.vars.set(name, new Var(value, type));
  }
}

export interface Frame {
  /** The class whose code runs (for name resolution and static lookups). */
  cls: ClassInfo;
  self: ApexObject | null;
  scope: Scope;
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
