/**
 * Triggers: the data platform's {@link TriggerHost}, the trigger context variables' state, and how an exception
 * escaping a trigger fails the DML statement.
 */
import type { TriggerHost, TriggerInvocation, TriggerEventName } from '../data-platform.js';
import type { TriggerDecl } from '../../syntax/ast.js';
import { ClassInfo } from '../../semantics/classes.js';
import { StaticScope, type Frame } from '../scope.js';
import { ApexList, ApexMap, ApexRuntimeError, type SObject, typeRef } from '../../values/values.js';
import type { TriggerCtx } from './engine.js';
import type { ExceptionState } from './exceptions.js';
import { GuardedStatements } from './guarded-statements.js';

export abstract class Triggers extends GuardedStatements implements TriggerHost {
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
          scope: StaticScope.root(),
          slots: [],
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
  protected triggerFailure(e: unknown, t: TriggerDecl, event: TriggerEventName): unknown {
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

  protected triggerClasses = new Map<TriggerDecl, ClassInfo>();

  protected triggerClass(t: TriggerDecl): ClassInfo {
    let c = this.triggerClasses.get(t);
    if (!c) {
      c = new ClassInfo(`trigger.${t.name}`, t.display, 'class', null, null);
      this.triggerClasses.set(t, c);
    }
    return c;
  }
}
