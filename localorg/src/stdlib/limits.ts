/**
 * The Limits class: current usage and maxima of the transaction's governor limits, read from the data platform's
 * tracker (a fresh set inside Test.startTest/stopTest; the asynchronous set inside a queued job) and the async Apex
 * counters. Limits the emulation does not track report 0 usage and the platform's maximum [doc: Execution Governors
 * and Limits].
 */
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { futureCallsLimit, futureCallsMade } from '../runtime/async-jobs.js';
import { queueableJobsLimit, queueableJobsQueued } from './async-apex.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const cur = (ctx: NativeContext) => ctx.platform.limits.current();
const max = (ctx: NativeContext) => ctx.platform.limits.max;

natives.defineClass({
  name: 'Limits',
  statics: {
    getqueries: (ctx) => cur(ctx).queries,
    getlimitqueries: (ctx) => max(ctx).queries,
    getqueryrows: (ctx) => cur(ctx).queryRows,
    getlimitqueryrows: (ctx) => max(ctx).queryRows,
    getdmlstatements: (ctx) => cur(ctx).dmlStatements,
    getlimitdmlstatements: (ctx) => max(ctx).dmlStatements,
    getdmlrows: (ctx) => cur(ctx).dmlRows,
    getlimitdmlrows: (ctx) => max(ctx).dmlRows,
    getcputime: (ctx) => Math.round(cur(ctx).cpuTimeMs),
    getlimitcputime: (ctx) => max(ctx).cpuTimeMs,
    getaggregatequeries: () => 0,
    getlimitaggregatequeries: () => 300,
    getcallouts: () => 0,
    getlimitcallouts: () => 100,
    getemailinvocations: () => 0,
    getlimitemailinvocations: () => 10,
    getfuturecalls: (ctx) => futureCallsMade(ctx.testState),
    getlimitfuturecalls: (ctx) => futureCallsLimit(ctx.testState),
    getqueueablejobs: (ctx) => queueableJobsQueued(ctx.testState),
    getlimitqueueablejobs: (ctx) => queueableJobsLimit(ctx.testState),
    getheapsize: () => 0,
    getlimitheapsize: (ctx) => (ctx.platform.limits.asynchronous ? 12_000_000 : 6_000_000),
    getsoslqueries: (ctx) => ctx.platform.limits.current().searches,
    getlimitsoslqueries: (ctx) => ctx.platform.limits.max.searches,
    getpublishimmediatedml: () => 0,
    getlimitpublishimmediatedml: () => 150,
    getquerylocatorrows: () => 0,
    getlimitquerylocatorrows: () => 10_000,
    // Asynchronous calls ("reserved for future use" in the Limits reference) and mobile push calls: never made here.
    getasynccalls: () => 0,
    getlimitasynccalls: () => 200,
    getmobilepushapexcalls: () => 0,
    getlimitmobilepushapexcalls: () => 10,
    // Apex cursors (Database.Cursor is not emulated, so none is ever open or fetched).
    getapexcursors: () => 0,
    getlimitapexcursors: () => 10_000,
    getapexcursorrows: () => 0,
    getlimitapexcursorrows: () => 50_000_000,
    getfetchcallsonapexcursor: () => 0,
    getlimitfetchcallsonapexcursor: () => 100
  }
});
