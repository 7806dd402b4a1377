/**
 * The EventBus class: `publish` of one platform event message or a list (one `Database.SaveResult` each, errors in
 * the result rather than thrown [doc: EventBus Class]), `getOperationId`, and the test event bus that
 * `Test.getEventBus()` returns (`EventBus.TestBroker`: `deliver()` runs subscribers of the messages queued in the test,
 * `fail()` drops them undelivered). Publishing itself is the data platform's (data/events/event-bus.ts).
 */
import type { DmlRowResult } from '../runtime/data-platform.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { ApexList, NativeObject, SObject, typeRef, type Value } from '../values/values.js';
import { apexThrow } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

function saveResult(r: DmlRowResult): NativeObject<DmlRowResult> {
  return new NativeObject('database.saveresult', r);
}

function publish(ctx: NativeContext, args: Value[]): Value {
  const arg = args[0];
  if (arg === null || arg === undefined) return apexThrow('NullPointerException', 'Argument cannot be null.');
  const single = arg instanceof SObject;
  const items = single ? [arg] : arg instanceof ApexList ? arg.items : null;
  if (!items || items.some((x) => x !== null && !(x instanceof SObject))) {
    return apexThrow('TypeException', 'EventBus.publish expects a platform event SObject or a List<SObject>');
  }
  const rows = ctx.platform.publishEvents(items as SObject[], { testContext: ctx.runningTest });
  const results = rows.map(saveResult);
  return single ? results[0] : new ApexList(typeRef('Database.SaveResult'), results);
}

natives.defineClass({
  name: 'EventBus',
  statics: {
    publish: (ctx, args) => publish(ctx, args),
    getoperationid(_ctx, args) {
      const r = args[0];
      if (!(r instanceof NativeObject) || r.nativeType !== 'database.saveresult') return null;
      const enqueued = (r.state as DmlRowResult).errors.find((e) => e.statusCode === 'OPERATION_ENQUEUED');
      return enqueued ? enqueued.message : null;
    }
  }
});

natives.defineClass({
  name: 'EventBus.TestBroker',
  instance: {
    deliver(ctx) {
      ctx.platform.deliverTestEvents();
      return null;
    },
    fail(ctx) {
      ctx.platform.failTestEvents();
      return null;
    }
  }
});

/** `Test.getEventBus()`. */
export function testBroker(): NativeObject {
  return new NativeObject('eventbus.testbroker', {});
}
