import type { TypeRefContext } from '@apexdevtools/apex-parser';
import { typeRef, type TypeRef } from '../values/values.js';
import { type Ctx, has, LowererBase } from './lower-base.js';

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment --
   the parse tree is read untyped through `Ctx` (see lower-base.ts) */

/** Type references (`List<Account>`, `Map<Id, String>[]`, qualified names) lowered to TypeRefs. */
export class TypeLowerer extends LowererBase {
  typeRef(t: TypeRefContext): TypeRef {
    const names = t.typeName_list();
    let ref: TypeRef;
    if (names.length === 1) ref = this.typeName(names[0]);
    else {
      // Qualified: `Schema.SObjectType`, `Outer.Inner`, `Map<…>` only appears last.
      const parts = names.map((n: Ctx) => this.typeName(n));
      const last = parts[parts.length - 1];
      const display = parts.map((p: TypeRef) => p.display.replace(/<.*$/, '')).join('.');
      ref = {
        name: display.toLowerCase(),
        args: last.args,
        display: display + (last.args.length ? `<${last.args.map((a: TypeRef) => a.display).join(', ')}>` : '')
      };
    }
    const subs = t.arraySubscripts();
    if (has(subs)) {
      const depth = subs.LBRACK_list().length;
      for (let i = 0; i < depth; i++) ref = typeRef('List', [ref]);
      if (depth) ref = { ...ref, display: `List<${ref.args[0].display}>` };
    }
    return ref;
  }

  private typeName(n: Ctx): TypeRef {
    const args: TypeRef[] = has(n.typeArguments())
      ? n
          .typeArguments()
          .typeList()
          .typeRef_list()
          .map((x: Ctx) => this.typeRef(x))
      : [];
    const base = has(n.LIST()) ? 'List' : has(n.SET()) ? 'Set' : has(n.MAP()) ? 'Map' : (n.id().getText() as string);
    return {
      name: base.toLowerCase(),
      args,
      display: args.length ? `${base}<${args.map((a) => a.display).join(', ')}>` : base
    };
  }
}
