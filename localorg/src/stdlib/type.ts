/** System.Type: `Foo.class`, `Type.forName`, `newInstance`, `getName`. */
import { isInstance } from '../runtime/types.js';
import { ApexObject, ApexTypeValue, type Value } from '../values/values.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

function self(v: Value): ApexTypeValue {
  return v as ApexTypeValue;
}

function forName(ctx: NativeContext, name: string): Value {
  const t = ctx.resolveType(name);
  if (!t) return null;
  const cls = ctx.classFor(t);
  if (cls) return new ApexTypeValue({ name: cls.name, args: t.args, display: cls.display });
  return new ApexTypeValue(t);
}

natives.defineClass({
  name: 'Type',
  statics: {
    forname(ctx, args) {
      const parts = args.filter((a): a is string => typeof a === 'string' && a !== '');
      if (parts.length === 0) return null;
      return forName(ctx, parts.join('.'));
    }
  },
  instance: {
    getname(ctx, args, t) {
      return self(t).type.display;
    },
    tostring(ctx, args, t) {
      return self(t).type.display;
    },
    newinstance(ctx, args, t) {
      const ty = self(t).type;
      const n = ty.name;
      if (n === 'list' || n === 'set' || n === 'map') return ctx.newObject(ty.display, []);
      const cls = ctx.classFor(ty);
      if (cls && cls.ctors.length > 0 && !cls.ctors.some((c) => c.params.length === 0)) {
        apexThrow('TypeException', `No such constructor: ${cls.display}.<init>()`);
      }
      return ctx.instantiate(ty, [], { line: ctx.currentLine(), col: 1 });
    },
    equals(ctx, args, t) {
      return args[0] instanceof ApexTypeValue && args[0].type.name === self(t).type.name;
    },
    hashcode(ctx, args, t) {
      let h = 0;
      for (const ch of self(t).type.name) h = (Math.imul(31, h) + ch.charCodeAt(0)) | 0;
      return h;
    },
    isassignablefrom(ctx, args, t) {
      const other = args[0];
      if (!(other instanceof ApexTypeValue)) apexThrow('NullPointerException', 'Argument cannot be null.');
      if (other.type.name === self(t).type.name || self(t).type.name === 'object') return true;
      const cls = ctx.classFor(other.type);
      return cls ? cls.isSubtypeOf(self(t).type.name) : false;
    },
    isinstance(ctx, args, t) {
      return (
        isInstance(args[0], self(t).type, ctx) ||
        (args[0] instanceof ApexObject && args[0].cls.isSubtypeOf(self(t).type.name))
      );
    }
  }
});
