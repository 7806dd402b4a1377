/** The Assert class (API 56+), with messages in the System.assert* style [mem]. */
import { ApexTypeValue } from '../values/values.js';
import { isInstance } from '../runtime/types.js';
import { NativeDefinitions } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';
import { assertEqual, assertionFailed, show } from './system.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

natives.defineClass({
  name: 'Assert',
  statics: {
    areequal(ctx, args) {
      if (!assertEqual(ctx, args[0], args[1]))
        assertionFailed(`Expected: ${show(ctx, args[0])}, Actual: ${show(ctx, args[1])}`, args[2] ?? null);
      return null;
    },
    arenotequal(ctx, args) {
      if (assertEqual(ctx, args[0], args[1])) assertionFailed(`Same value: ${show(ctx, args[1])}`, args[2] ?? null);
      return null;
    },
    istrue(ctx, args) {
      if (args[0] !== true) assertionFailed(`Expected: true, Actual: ${show(ctx, args[0])}`, args[1] ?? null);
      return null;
    },
    isfalse(ctx, args) {
      if (args[0] !== false) assertionFailed(`Expected: false, Actual: ${show(ctx, args[0])}`, args[1] ?? null);
      return null;
    },
    isnull(ctx, args) {
      if (args[0] !== null) assertionFailed(`Expected: null, Actual: ${show(ctx, args[0])}`, args[1] ?? null);
      return null;
    },
    isnotnull(ctx, args) {
      if (args[0] === null) assertionFailed('Expected: not null, Actual: null', args[1] ?? null);
      return null;
    },
    fail(ctx, args) {
      const msg = args[0];
      apexThrow('AssertException', typeof msg === 'string' ? msg : 'Assertion Failed');
    },
    isinstanceoftype(ctx, args) {
      const t = args[1];
      if (!(t instanceof ApexTypeValue)) apexThrow('NullPointerException', 'Argument cannot be null.');
      if (!isInstance(args[0], t.type, ctx))
        assertionFailed(`Expected instance of ${t.type.display}, Actual: ${show(ctx, args[0])}`, args[2] ?? null);
      return null;
    },
    isnotinstanceoftype(ctx, args) {
      const t = args[1];
      if (!(t instanceof ApexTypeValue)) apexThrow('NullPointerException', 'Argument cannot be null.');
      if (isInstance(args[0], t.type, ctx))
        assertionFailed(`Unexpected instance of ${t.type.display}`, args[2] ?? null);
      return null;
    }
  }
});
