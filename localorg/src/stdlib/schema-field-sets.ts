/**
 * Field sets in Apex: `describe.fieldSets.getMap()`, `describe.fieldSets.My_Set` (`Schema.FieldSet`) and their
 * members (`Schema.FieldSetMember`), read from the project's `fieldSets/*.fieldSet-meta.xml`.
 */
import type { FieldDef, FieldSetDef } from '../data/schema/types.js';
import { ApexList, ApexMap, NativeObject, typeRef, type Value } from '../values/values.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { orgOf } from './data-org.js';
import { objectDef, sobjectFieldToken, sobjectTypeToken, state, type ObjectTokenState } from './schema.js';
import { displayTypeOf } from './schema-fields.js';

/** This module's native classes, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

interface FieldSetState {
  object: string;
  set: FieldSetDef;
}

interface MemberState {
  /** The object the path ends on and its field: `Account.Name` on Contact ends on Account's Name. */
  object: string;
  field: FieldDef;
  path: string;
  required: boolean;
}

function fieldSetsOf(ctx: NativeContext, self: Value): FieldSetDef[] {
  return objectDef(ctx, state<ObjectTokenState>(self).object).fieldSets ?? [];
}

function fieldSet(object: string, set: FieldSetDef): NativeObject<FieldSetState> {
  return new NativeObject('schema.fieldset', { object, set });
}

natives.defineClass({
  name: 'Schema.SObjectTypeFieldSets',
  dynamicProp(ctx, self, name) {
    const set = fieldSetsOf(ctx, self).find((s) => s.name.toLowerCase() === name.toLowerCase());
    return set ? fieldSet(state<ObjectTokenState>(self).object, set) : undefined;
  },
  instance: {
    getmap(ctx, _args, self) {
      const m = new ApexMap(typeRef('String'), typeRef('Schema.FieldSet'));
      m.caseInsensitive = true;
      for (const set of fieldSetsOf(ctx, self))
        m.put(set.name.toLowerCase(), fieldSet(state<ObjectTokenState>(self).object, set));
      return m;
    }
  }
});

/** Follows a member path (`Account.Owner.Name`) through parent relationships to its field; null when it leads nowhere. */
function resolveMember(ctx: NativeContext, object: string, path: string): { object: string; field: FieldDef } | null {
  const schema = orgOf(ctx).schema;
  const parts = path.split('.');
  let o = schema.object(object);
  for (const part of parts.slice(0, -1)) {
    const rel = o && schema.relationship(o, part);
    o = rel ? schema.relationshipTarget(rel) : undefined;
  }
  const field = o?.fields.get(parts[parts.length - 1].toLowerCase());
  return o && field ? { object: o.name, field } : null;
}

natives.defineClass({
  name: 'Schema.FieldSet',
  instance: {
    getname: (_c, _a, self) => state<FieldSetState>(self).set.name,
    getlabel: (_c, _a, self) => state<FieldSetState>(self).set.label,
    getdescription: (_c, _a, self) => state<FieldSetState>(self).set.description,
    getnamespace: () => '',
    getsobjecttype: (ctx, _a, self) => sobjectTypeToken(ctx, state<FieldSetState>(self).object),
    getfields(ctx, _a, self) {
      const { object, set } = state<FieldSetState>(self);
      const members: Value[] = [];
      for (const m of set.fields) {
        const target = resolveMember(ctx, object, m.field);
        if (target)
          members.push(
            new NativeObject<MemberState>('schema.fieldsetmember', { ...target, path: m.field, required: m.required })
          );
      }
      return new ApexList(typeRef('Schema.FieldSetMember'), members);
    }
  }
});

natives.defineClass({
  name: 'Schema.FieldSetMember',
  instance: {
    getfieldpath: (_c, _a, self) => state<MemberState>(self).path,
    getlabel: (_c, _a, self) => state<MemberState>(self).field.label,
    gettype: (_c, _a, self) => displayTypeOf(state<MemberState>(self).field),
    getrequired: (_c, _a, self) => state<MemberState>(self).required,
    getdbrequired: (_c, _a, self) =>
      !state<MemberState>(self).field.nillable && state<MemberState>(self).field.createable,
    getsobjectfield: (ctx, _a, self) =>
      sobjectFieldToken(ctx, state<MemberState>(self).object, state<MemberState>(self).field.name)
  }
});
