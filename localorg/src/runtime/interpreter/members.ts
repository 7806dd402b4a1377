/**
 * Names and members: locals, implicit `this` members, statics reached through a type, SObject fields, properties with
 * accessors, trigger context variables, and assignment to each of them.
 */
import type { Block, Expr, Pos, PropertyDecl } from '../../syntax/ast.js';
import { type ClassInfo, type MemberInfo } from '../../semantics/classes.js';
import { isPlatformName } from '../../semantics/platform-names.js';
import { nativeKindOf } from '../natives.js';
import { RETURN, type Frame } from '../scope.js';
import { coerce, runtimeTypeName, sobjectFieldValue } from '../types.js';
import { UnsupportedFeatureError } from '../../values/errors.js';
import { ApexList, ApexObject, SObject, typeRef, type Value } from '../../values/values.js';
import { C, NPE, SHORT_CIRCUIT, type TypeTarget } from './engine.js';
import { TypeEnvironment } from './type-environment.js';

export type Resolved = { value: Value } | { type: TypeTarget };

/**
 * A name that resolved to a type keeps the answer on its AST node. The owner check matters because parsed trees
 * (the prelude) are shared by every interpreter in the process.
 */
export type TypeCached = { $type?: { owner: object; t: TypeTarget } };

export abstract class Members extends TypeEnvironment {
  protected evalName(e: Extract<Expr, { kind: 'name' }>, f: Frame): Value {
    const local = this.localOf(e, f);
    if (local) return f.slots[local.slot] ?? null;
    return this.evalMemberName(e, f);
  }

  /** A name the compiler found no local for: a member of `this` or a static of the class or its outers. */
  protected evalMemberName(e: Extract<Expr, { kind: 'name' }>, f: Frame): Value {
    const r = this.resolveImplicit(e.name, f);
    if (r) return this.readMember(r.member, r.self, f);
    const t = this.resolveTypeTarget([e.name], f);
    if (t) return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display} (it names a type)`);
    return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display}`);
  }

  /** A bare name that is not a local: a field/property of `this`, or a static of the class or its outers. */
  protected resolveImplicit(name: string, f: Frame): { member: MemberInfo; self: ApexObject | null } | null {
    if (f.self) {
      const m = C(f.self).member(name);
      if (m) return { member: m, self: m.decl.isStatic ? null : f.self };
    }
    for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
      const m = c.member(name);
      if (m && (m.decl.isStatic || (f.self && c === f.cls)))
        return { member: m, self: m.decl.isStatic ? null : f.self };
    }
    return null;
  }

  protected resolveTarget(e: Expr, f: Frame): Resolved {
    if (e.kind === 'name') {
      const cached = (e as TypeCached).$type;
      if (cached && cached.owner === this) return { type: cached.t };
      const local = this.localOf(e, f);
      if (local) return { value: f.slots[local.slot] ?? null };
      const r = this.resolveImplicit(e.name, f);
      if (r) return { value: this.readMember(r.member, r.self, f) };
      const t = this.resolveTypeTarget([e.name], f);
      if (t) {
        (e as TypeCached).$type = { owner: this, t };
        return { type: t };
      }
      // A platform type the standard library does not model (FeatureManagement, FormulaEval…): not a compile error.
      if (isPlatformName(e.name)) throw new UnsupportedFeatureError(`${e.display} is not supported by localorg`);
      return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display}`);
    }
    if (e.kind === 'field') {
      const cached = (e as TypeCached).$type;
      if (cached && cached.owner === this) return { type: cached.t };
      const inner = this.resolveTarget(e.target, f);
      if ('value' in inner) return { value: this.readField(inner.value, e, f) };
      const r = this.staticMember(inner.type, e.name, e.display, f, e.pos);
      if ('type' in r) (e as TypeCached).$type = { owner: this, t: r.type };
      return r;
    }
    return { value: this.eval(e, f) };
  }

  protected evalField(e: Extract<Expr, { kind: 'field' }>, f: Frame): Value {
    const r = this.resolveTarget(e, f);
    if ('value' in r) return r.value;
    return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display} (it names a type)`);
  }

  /** `Type.name` where Type is not a value: static fields, inner types, enum constants, native statics. */
  protected staticMember(t: TypeTarget, name: string, display: string, f: Frame, pos: Pos): Resolved {
    switch (t.kind) {
      case 'class': {
        const cls = t.cls;
        if (cls.kind === 'enum') {
          const ev = cls.enumValues.find((x) => x.name.toLowerCase() === name);
          if (ev) return { value: ev };
        }
        this.ensureStaticInit(cls);
        const m = cls.member(name);
        if (m && m.decl.isStatic) return { value: this.readMember(m, null, f) };
        const inner = cls.inner.get(name);
        if (inner) return { type: { kind: 'class', cls: inner } };
        break;
      }
      case 'nativeEnum':
        return { value: this.natives.enumValue(t.name, display) };
      case 'native': {
        const p = t.def.staticProps?.[name];
        if (p) return { value: this.native(() => p(this)) };
        const dyn = t.def.dynamicStaticProp;
        if (dyn) {
          const v = this.native(() => dyn(this, name));
          if (v !== undefined) return { value: v };
        }
        const sub = this.resolveTypeTarget([...t.name.split('.'), name], f);
        if (sub) return { type: sub };
        break;
      }
      case 'sobject':
        return { value: this.native(() => this.natives.sobjectTypeStatics().staticProp(this, t.api, display)) };
      case 'namespace': {
        const sub = this.resolveTypeTarget([t.name, name], f);
        if (sub) return { type: sub };
        break;
      }
      case 'trigger':
        return { value: this.triggerVar(name) };
    }
    return this.throwCompile(f, pos, `Variable does not exist: ${display}`);
  }

  protected triggerVar(name: string): Value {
    const ctx = this.triggerStack[this.triggerStack.length - 1];
    if (name === 'isexecuting') return !!ctx;
    if (!ctx) return name.startsWith('is') ? false : null;
    const ev = ctx.inv.event;
    switch (name) {
      case 'new':
        return ctx.newList;
      case 'old':
        return ctx.oldList;
      case 'newmap':
        return ctx.newMap;
      case 'oldmap':
        return ctx.oldMap;
      case 'isinsert':
        return ev.endsWith('insert');
      case 'isupdate':
        return ev.endsWith('update');
      case 'isdelete':
        return ev.endsWith(' delete');
      case 'isundelete':
        return ev.endsWith('undelete');
      case 'isbefore':
        return ev.startsWith('before');
      case 'isafter':
        return ev.startsWith('after');
      case 'size':
        return (ctx.inv.newRecords ?? ctx.inv.oldRecords ?? []).length;
      case 'operationtype':
        return this.natives.enumValue('System.TriggerOperation', ev.replace(' ', '_').toUpperCase());
    }
    return this.throwApex('System.SObjectException', `Trigger.${name} is not a trigger context variable`);
  }

  readField(
    target: Value,
    e: { name: string; display: string; safe: boolean; pos: Pos; chained?: boolean },
    f: Frame
  ): Value {
    if (target === null) {
      if (e.safe && e.chained) throw SHORT_CIRCUIT;
      if (e.safe) return null;
      f.pos = e.pos;
      return this.throwApex('System.NullPointerException', NPE);
    }
    // `[SELECT Name FROM Account LIMIT 1].Name`: a row list dereferenced like one row.
    if (
      target instanceof ApexList &&
      (target.items[0] instanceof SObject || (target.items.length === 0 && this.sobjectName(target.elementType.name)))
    ) {
      target = coerce(target, typeRef('SObject'), this);
    }
    if (target instanceof SObject) {
      const key = e.name;
      if (target.fields.has(key)) return target.fields.get(key)!;
      if (target.queried && !target.queried.has(key)) {
        this.throwApex(
          'System.SObjectException',
          `SObject row was retrieved via SOQL without querying the requested field: ${target.type}.${e.display}`
        );
      }
      return null;
    }
    if (target instanceof ApexObject) {
      const m = C(target).member(e.name);
      if (m) return this.readMember(m, m.decl.isStatic ? null : target, f);
      return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display}`);
    }
    const kind = nativeKindOf(target);
    const def = kind ? this.natives.classFor(kind) : undefined;
    const p = def?.props?.[e.name];
    if (p) return this.native(() => p(this, target));
    const dyn = def?.dynamicProp;
    if (dyn) {
      const v = this.native(() => dyn(this, target, e.name));
      if (v !== undefined) return v;
    }
    if (target instanceof ApexList && e.name === 'size')
      return this.throwCompile(f, e.pos, 'Variable does not exist: size');
    return this.throwCompile(f, e.pos, `Variable does not exist: ${e.display} on ${runtimeTypeName(target)}`);
  }

  readMember(m: MemberInfo, self: ApexObject | null, f: Frame | null): Value {
    const store = this.storeFor(m, self);
    if (m.kind === 'prop' && m.decl.getter && !(f && f.accessor === m.decl && (f.self === self || !self))) {
      return this.runAccessor(m.decl, m.owner, self, m.decl.getter, null);
    }
    return store.get(m.decl.name) ?? null;
  }

  writeMember(m: MemberInfo, self: ApexObject | null, v: Value, f: Frame | null): Value {
    const value = coerce(v, m.decl.type, this);
    if (m.kind === 'prop' && m.decl.setter && !(f && f.accessor === m.decl && (f.self === self || !self))) {
      this.runAccessor(m.decl, m.owner, self, m.decl.setter, value);
      return value;
    }
    if (m.kind === 'prop' && m.decl.setter === undefined && !(f && f.accessor === m.decl)) {
      if (f && f.cls !== m.owner) this.throwApex('System.FinalException', `Property ${m.decl.display} is read-only`);
    }
    this.storeFor(m, self).set(m.decl.name, value);
    return value;
  }

  protected storeFor(m: MemberInfo, self: ApexObject | null): Map<string, Value> {
    if (m.decl.isStatic) {
      this.ensureStaticInit(m.owner);
      let s = this.statics.get(m.owner);
      if (!s) this.statics.set(m.owner, (s = new Map<string, Value>()));
      return s;
    }
    if (!self) this.throwApex('System.NullPointerException', NPE);
    return self.fields;
  }

  protected runAccessor(p: PropertyDecl, owner: ClassInfo, self: ApexObject | null, body: Block, value: Value): Value {
    const setter = body === p.setter;
    const compiled = this.compiledBody(body, setter ? [{ name: 'value', type: p.type }] : [], body.stmts);
    const frame: Frame = {
      cls: owner,
      self,
      scope: compiled.scope,
      slots: setter ? [value] : [],
      where: `Class.${owner.display}.${p.display}`,
      pos: p.pos,
      accessor: p,
      file: owner.decl?.file ?? ''
    };
    const sig = this.runBody(frame, compiled.seq);
    if (body === p.getter) return coerce(sig === RETURN ? this.retVal : null, p.type, this);
    return null;
  }

  assignTo(target: Expr, v: Value, f: Frame): Value {
    switch (target.kind) {
      case 'name': {
        const local = this.localOf(target, f);
        if (local) return (f.slots[local.slot] = coerce(v, local.type, this));
        const r = this.resolveImplicit(target.name, f);
        if (r) return this.writeMember(r.member, r.self, v, f);
        return this.throwCompile(f, target.pos, `Variable does not exist: ${target.display}`);
      }
      case 'field': {
        const inner = this.resolveTarget(target.target, f);
        if ('type' in inner) {
          const t = inner.type;
          if (t.kind === 'class') {
            this.ensureStaticInit(t.cls);
            const m = t.cls.member(target.name);
            if (m && m.decl.isStatic) return this.writeMember(m, null, v, f);
          }
          return this.throwCompile(f, target.pos, `Variable does not exist: ${target.display}`);
        }
        const obj = inner.value;
        if (obj === null) return this.throwApex('System.NullPointerException', NPE);
        if (obj instanceof SObject) {
          const field = this.fieldSpelling(obj, target.display);
          obj.set(field, sobjectFieldValue(field, v));
          return v;
        }
        if (obj instanceof ApexObject) {
          const m = C(obj).member(target.name);
          if (m) return this.writeMember(m, m.decl.isStatic ? null : obj, v, f);
        }
        const kind = nativeKindOf(obj);
        const setter = kind ? this.natives.classFor(kind)?.setProps?.[target.name] : undefined;
        if (setter) {
          this.native(() => setter(this, obj, v));
          return v;
        }
        return this.throwCompile(f, target.pos, `Variable does not exist: ${target.display}`);
      }
      case 'index': {
        const t = this.eval(target.target, f);
        const i = this.eval(target.index, f);
        if (t === null) return this.throwApex('System.NullPointerException', NPE);
        if (t instanceof ApexList && typeof i === 'number') {
          if (i < 0 || i >= t.items.length) this.throwApex('System.ListException', `List index out of bounds: ${i}`);
          return (t.items[i] = coerce(v, t.elementType, this));
        }
        return this.throwApex('System.TypeException', 'Invalid index assignment');
      }
    }
    return this.throwCompile(f, target.pos, 'Expression cannot be assigned');
  }

  /** The declared API spelling of a field, so output shows `Subject` however the code spelled it. */
  protected fieldSpelling(o: SObject, written: string): string {
    const key = o.typeKey + '.' + written.toLowerCase();
    let n = this.fieldNames.get(key);
    if (n === undefined) {
      n = this.platform.schema.fieldName(o.type, written);
      this.fieldNames.set(key, n);
    }
    return n ?? written;
  }
}
