/**
 * The EventBus class: `publish` of one platform event message or a list (one `Database.SaveResult` each, errors in
 * the result rather than thrown [doc: EventBus Class]), `getOperationId`, and the test event bus that
 * `Test.getEventBus()` returns (`EventBus.TestBroker`: `deliver()` runs subscribers of the messages queued in the test,
 * `fail()` drops them undelivered). Publishing itself is the data platform's (data/events/event-bus.ts).
 *
 * `publish(events, callback)` registers an Apex publish callback for the messages that were enqueued: in a test its
 * `onSuccess` runs when the test bus delivers them and its `onFailure` when `fail()` drops them; outside tests the
 * success callback runs as async work at the end of the transaction [doc: Apex Publish Callback Class].
 *
 * `EventBus.ChangeEventHeader` is the header of Change Data Capture events: a plain holder of its documented
 * properties that Apex builds and assigns (`new EventBus.ChangeEventHeader()`) [doc: ChangeEventHeader Class].
 * localorg publishes no change events itself.
 */
import type { DmlRowResult } from '../runtime/data-platform.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { ApexList, ApexObject, NativeObject, SObject, typeRef, type Value } from '../values/values.js';
import { apexThrow } from '../values/errors.js';
import { recordClass } from './native-records.js';

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
  const callback = args.length > 1 ? args[1] : undefined;
  if (callback !== undefined && !(callback instanceof ApexObject)) {
    return apexThrow('NullPointerException', 'Argument cannot be null.');
  }
  const rows = ctx.platform.publishEvents(items as SObject[], { testContext: ctx.runningTest });
  if (callback) registerCallback(ctx, callback, rows);
  const results = rows.map(saveResult);
  return single ? results[0] : new ApexList(typeRef('Database.SaveResult'), results);
}

interface PendingCallback {
  callback: ApexObject;
  uuids: string[];
}

/** The EventUuid of each message that was enqueued (failed messages never reach the bus). */
function enqueuedUuids(rows: DmlRowResult[]): string[] {
  return rows.flatMap((r) => r.errors.filter((e) => e.statusCode === 'OPERATION_ENQUEUED').map((e) => e.message));
}

function registerCallback(ctx: NativeContext, callback: ApexObject, rows: DmlRowResult[]): void {
  const uuids = enqueuedUuids(rows);
  if (uuids.length === 0) return;
  if (ctx.runningTest) {
    const pending = (ctx.testState['publishCallbacks'] ??= []) as PendingCallback[];
    pending.push({ callback, uuids });
    return;
  }
  // Outside tests the callback runs as async Apex once the publishing transaction commits.
  ctx.enqueueAsync({
    label: `EventBus callback ${callback.cls.display}`,
    run: () => runCallback(ctx, { callback, uuids }, true)
  });
}

/** Calls `onSuccess` / `onFailure` when the callback's class declares it (it implements that interface). */
function runCallback(ctx: NativeContext, p: PendingCallback, success: boolean): void {
  const method = success ? 'onsuccess' : 'onfailure';
  if (!p.callback.cls.hasMethod(method)) return;
  const type = success ? 'eventbus.successresult' : 'eventbus.failureresult';
  ctx.call(p.callback, method, [new NativeObject(type, { uuids: p.uuids })]);
}

function settleCallbacks(ctx: NativeContext, success: boolean): void {
  const pending = (ctx.testState['publishCallbacks'] ?? []) as PendingCallback[];
  ctx.testState['publishCallbacks'] = [];
  for (const p of pending) runCallback(ctx, p, success);
}

/** The test event bus delivers its queued messages, then their publish callbacks hear of the success. */
export function deliverTestEvents(ctx: NativeContext): void {
  ctx.platform.deliverTestEvents();
  settleCallbacks(ctx, true);
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
      deliverTestEvents(ctx);
      return null;
    },
    fail(ctx) {
      ctx.platform.failTestEvents();
      settleCallbacks(ctx, false);
      return null;
    }
  }
});

for (const name of ['EventBus.SuccessResult', 'EventBus.FailureResult']) {
  natives.defineClass({
    name,
    instance: {
      geteventuuids: (_c, _a, self) =>
        new ApexList(typeRef('String'), [...(self as NativeObject<{ uuids: string[] }>).state.uuids])
    }
  });
}

/** `Test.getEventBus()`. */
export function testBroker(): NativeObject {
  return new NativeObject('eventbus.testbroker', {});
}

const STRINGS = typeRef('List', [typeRef('String')]);

natives.defineClass(
  recordClass('EventBus.ChangeEventHeader', [
    { name: 'entityName', type: typeRef('String') },
    { name: 'recordIds', type: STRINGS },
    { name: 'changeType', type: typeRef('String') },
    { name: 'changeOrigin', type: typeRef('String') },
    { name: 'transactionKey', type: typeRef('String') },
    { name: 'sequenceNumber', type: typeRef('Integer') },
    { name: 'commitTimestamp', type: typeRef('Long') },
    { name: 'commitNumber', type: typeRef('Long') },
    { name: 'commitUser', type: typeRef('String') },
    { name: 'nulledFields', type: STRINGS },
    { name: 'diffFields', type: STRINGS },
    { name: 'changedFields', type: STRINGS }
  ])
);
