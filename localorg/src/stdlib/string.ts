/**
 * System.String. Apex's String methods are thin wrappers over java.lang.String and Apache Commons Lang StringUtils
 * [mem], so null and empty-argument handling follows StringUtils where the Apex documentation is silent (for example
 * `substringBefore('')` is empty, `substringAfter('')` is the whole string). Regex methods go through regex/.
 * This file defines the class and its static methods; the instance methods are in string-queries.ts (inspect) and
 * string-edits.ts (change), their shared helpers in string-helpers.ts.
 */
import { DateTime } from 'luxon';
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';
import { ApexDatetime, ApexList, ApexSet } from '../values/values.js';
import { messageFormat } from './message-format.js';
import { argItems, argString, defineStdlibClass, optString } from './native-args.js';
import { stringEdits } from './string-edits.js';
import { asStringArg, charOf, isBlank } from './string-helpers.js';
import { stringQueries } from './string-queries.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const instance: Record<string, NativeMethod> = { ...stringQueries, ...stringEdits };

const statics: Record<string, NativeMethod> = {
  escapesinglequotes: (ctx, a) => instance.escapesinglequotes(ctx, [], argString(a, 0)),
  format: (ctx, a) =>
    messageFormat(argString(a, 0), argItems(a, 1), { render: (v) => ctx.toApexString(v), locale: ctx.user.locale }),
  fromchararray: (_c, a) =>
    argItems(a, 0)
      .map((v) => (typeof v === 'number' ? charOf(v) : apexThrow('TypeException', 'fromCharArray needs Integers')))
      .join(''),
  getcommonprefix: (_c, a) => {
    const items = argItems(a, 0).map((v) => (v === null ? '' : (v as string)));
    if (items.length === 0) return '';
    let prefix = items[0];
    for (const s of items) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
    return prefix;
  },
  isblank: (_c, a) => isBlank(optString(a, 0)),
  isempty: (_c, a) => {
    const s = optString(a, 0);
    return s === null || s === '';
  },
  isnotblank: (_c, a) => !isBlank(optString(a, 0)),
  isnotempty: (_c, a) => {
    const s = optString(a, 0);
    return s !== null && s !== '';
  },
  join: (ctx, a) => {
    const v = a[0];
    if (v === null) return null;
    if (!(v instanceof ApexList) && !(v instanceof ApexSet))
      return apexThrow('TypeException', 'String.join needs a List or Set');
    const sep = a[1] === null ? '' : argString(a, 1);
    // StringUtils.join renders null elements as empty strings [mem].
    return argItems(a, 0)
      .map((x) => (x === null ? '' : asStringArg(ctx, x)))
      .join(sep);
  },
  valueof: (ctx, a) => {
    if (a.length !== 1) return apexThrow('TypeException', 'String.valueOf takes one argument');
    // A null argument answers null, not 'null' (apex-recipes' TestFactory relies on it; only concatenation says 'null').
    return a[0] === null ? null : ctx.toApexString(a[0]);
  },
  valueofgmt: (_c, a) => {
    const v = a[0];
    if (v === null) return null;
    if (!(v instanceof ApexDatetime)) return apexThrow('TypeException', 'String.valueOfGmt needs a Datetime');
    return DateTime.fromMillis(v.epochMs, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm:ss');
  }
};

defineStdlibClass(natives, { name: 'String', statics, instance });
