/**
 * System: debug output, assertions, clock, and async entry points. `System.debug` prints through the interpreter's
 * debug sink as `USER_DEBUG|[LINE]|LEVEL|MESSAGE`; Queueables (async-apex.ts) run after the transaction commits, or
 * at `Test.stopTest()` in a test, as on the platform.
 */
import { DateTime } from 'luxon';
import { ApexDate, ApexDatetime, ApexEnumValue, ApexObject, type Value } from '../values/values.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';
import { quiddityOf } from './request-context.js';
import { attachFinalizer, enqueueQueueable } from './async-apex.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

// Platform order (values() and ordinal()): NONE first, then from the most to the least verbose.
natives.defineEnum('System.LoggingLevel', [
  'NONE',
  'INTERNAL',
  'FINEST',
  'FINER',
  'FINE',
  'DEBUG',
  'INFO',
  'WARN',
  'ERROR'
]);
natives.defineEnum('System.TriggerOperation', [
  'BEFORE_INSERT',
  'BEFORE_UPDATE',
  'BEFORE_DELETE',
  'AFTER_INSERT',
  'AFTER_UPDATE',
  'AFTER_DELETE',
  'AFTER_UNDELETE'
]);

/** Renders a value for assertion messages the way debug output does. */
export function show(ctx: NativeContext, v: Value): string {
  return ctx.debugString(v);
}

export function assertionFailed(detail: string | null, msg: Value): never {
  const prefix = typeof msg === 'string' ? msg : '';
  const text = [prefix, detail].filter((x) => x).join(': ');
  apexThrow('AssertException', text ? `Assertion Failed: ${text}` : 'Assertion Failed');
}

/** Equality for assertEquals: Strings compare case-sensitively there, unlike `==` [mem]. */
export function assertEqual(ctx: NativeContext, a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return ctx.equals(a, b);
}

/** Runs an async job's body with the job's Quiddity (System.isQueueable() and Request.getQuiddity() see it). */
function runAs(ctx: NativeContext, quiddity: string, body: () => unknown): void {
  const outer = ctx.quiddity;
  ctx.quiddity = quiddity;
  try {
    body();
  } finally {
    ctx.quiddity = outer;
  }
}

function today(ctx: NativeContext): ApexDate {
  const d = DateTime.fromMillis(ctx.now(), { zone: ctx.user.timeZone });
  return new ApexDate(d.year, d.month, d.day);
}

natives.defineClass({
  name: 'System',
  statics: {
    debug(ctx, args) {
      if (args.length === 2) {
        const lvl = args[0];
        const level = lvl instanceof ApexEnumValue ? lvl.name : show(ctx, lvl);
        ctx.debug(level, show(ctx, args[1]));
      } else if (args.length === 1) ctx.debug('DEBUG', show(ctx, args[0]));
      else unsupported('System', 'debug', args);
      return null;
    },
    assert(ctx, args) {
      if (args[0] !== true) assertionFailed(null, args.length > 1 ? args[1] : null);
      return null;
    },
    assertequals(ctx, args) {
      if (!assertEqual(ctx, args[0], args[1]))
        assertionFailed(
          `Expected: ${show(ctx, args[0])}, Actual: ${show(ctx, args[1])}`,
          args.length > 2 ? args[2] : null
        );
      return null;
    },
    assertnotequals(ctx, args) {
      if (assertEqual(ctx, args[0], args[1]))
        assertionFailed(`Same value: ${show(ctx, args[1])}`, args.length > 2 ? args[2] : null);
      return null;
    },
    now(ctx) {
      return new ApexDatetime(ctx.now());
    },
    today(ctx) {
      return today(ctx);
    },
    currenttimemillis(ctx) {
      return BigInt(ctx.now());
    },
    nanotime(ctx) {
      return BigInt(ctx.now()) * 1000000n;
    },
    equals(ctx, args) {
      return ctx.equals(args[0], args[1]);
    },
    hashcode(ctx, args) {
      return ctx.call(args[0], 'hashCode', []);
    },
    isbatch: (ctx) => /^BATCH_/.test(quiddityOf(ctx)),
    isfuture: (ctx) => quiddityOf(ctx) === 'FUTURE',
    isqueueable: (ctx) => quiddityOf(ctx) === 'QUEUEABLE',
    isscheduled: (ctx) => quiddityOf(ctx) === 'SCHEDULED',
    enqueuejob(ctx, args) {
      return enqueueQueueable(ctx, args[0]);
    },
    attachfinalizer(ctx, args) {
      return attachFinalizer(ctx, args[0]);
    },
    schedule(ctx, args) {
      // Scheduled Apex never fires in a local run; a test runs it at Test.stopTest() [mem].
      const job = args[2];
      if (ctx.runningTest && job instanceof ApexObject)
        ctx.asyncQueue.push({
          label: `Schedulable ${job.cls.display}`,
          run: () => runAs(ctx, 'SCHEDULED', () => ctx.call(job, 'execute', [null]))
        });
      return ctx.platform.issueId('08e');
    },
    abortjob() {
      return null;
    },
    requestversion() {
      return null;
    }
  }
});
