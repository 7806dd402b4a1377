/**
 * The type environment and the services native code calls back into ({@link NativeContext}): type names resolved
 * from the running class, type descriptions for JSON and `Type.forName`, Apex string rendering and equality.
 */
import type { Expr } from '../../syntax/ast.js';
import { Lowerer } from '../../syntax/lower.js';
import { type ClassInfo } from '../../semantics/classes.js';
import type { NativeContext, TypeInfo } from '../natives.js';
import { UnsupportedFeatureError } from '../../values/errors.js';
import { formatValue } from '../../values/format.js';
import { apexEquals } from '../operators.js';
import type { Frame } from '../scope.js';
import { isPrimitiveName, stripSystem, type TypeEnv } from '../types.js';
import { ApexObject, keyOf, typeRef, type TypeRef, type Value } from '../../values/values.js';
import { C, OBJECT_T, type TypeTarget } from './engine.js';
import { Exceptions } from './exceptions.js';

const NAMESPACES = new Set([
  'system',
  'schema',
  'database',
  'apexpages',
  'messaging',
  'auth',
  'connectapi',
  'dom',
  'approval',
  'flow',
  'reports',
  'cache',
  'eventbus',
  'process',
  'sfdc_checkout',
  'support',
  'site',
  'kbmanagement'
]);

/** Parses a type as written in Apex source or `Type.forName`: `Map<String, List<Foo.Bar>>`. */
export function parseTypeString(text: string): TypeRef | null {
  let i = 0;
  const s = text.replace(/\s+/g, '');
  const parse = (): TypeRef | null => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    const args: TypeRef[] = [];
    if (s[i] === '<') {
      i++;
      for (;;) {
        const a = parse();
        if (!a) return null;
        args.push(a);
        if (s[i] === ',') i++;
        else if (s[i] === '>') {
          i++;
          break;
        } else return null;
      }
    }
    let t: TypeRef = {
      name: m[0].toLowerCase(),
      args,
      display: args.length ? `${m[0]}<${args.map((a) => a.display).join(', ')}>` : m[0]
    };
    while (s.slice(i, i + 2) === '[]') {
      i += 2;
      t = { name: 'list', args: [t], display: `List<${t.display}>` };
    }
    return t;
  };
  const t = parse();
  return t && i === s.length ? t : null;
}

export abstract class TypeEnvironment extends Exceptions implements NativeContext, TypeEnv {
  now(): number {
    return this.nowFn();
  }

  toApexString(v: Value): string {
    return formatValue(v, { mode: 'string', timeZone: this.user.timeZone, object: (o) => this.objectToString(o) });
  }

  debugString(v: Value): string {
    return formatValue(v, { mode: 'debug', timeZone: this.user.timeZone, object: (o) => this.objectToString(o) });
  }

  equals(a: Value, b: Value): boolean {
    return apexEquals(a, b, (x, y) => this.userEquals(x, y));
  }

  keyOf(v: Value): string {
    if (
      v instanceof ApexObject &&
      C(v)
        .methods('hashcode')
        .some((m) => m.decl.params.length === 0 && m.decl.body)
    ) {
      return `u:${v.cls.name}:${this.toApexString(this.callMethod(v, 'hashcode', [], null))}`;
    }
    return keyOf(v);
  }

  call(target: Value, method: string, args: Value[]): Value {
    return this.callMethod(target, method.toLowerCase(), args, null);
  }

  newObject(className: string, args: Value[]): Value {
    const t = this.resolveType(className);
    if (!t) throw new UnsupportedFeatureError(`Invalid type: ${className}`);
    return this.instantiate(t, args, this.topFrame()?.pos ?? { line: 0, col: 0 });
  }

  resolveType(name: string): TypeRef | null {
    const t = parseTypeString(name);
    if (!t) return null;
    return this.typeExists(t) ? t : null;
  }

  protected typeExists(t: TypeRef): boolean {
    const n = stripSystem(t.name);
    if (isPrimitiveName(n) || ['list', 'set', 'map', 'sobject', 'type'].includes(n))
      return t.args.every((a) => this.typeExists(a));
    return !!(
      this.classFor(t) ||
      this.sobjectName(t.name) ||
      this.natives.classFor(t.name) ||
      this.natives.enumFor(t.name)
    );
  }

  typeInfo(t: TypeRef): TypeInfo {
    const n = stripSystem(t.name);
    if (n === 'object') return { kind: 'object' };
    if (isPrimitiveName(n)) return { kind: 'primitive', name: n };
    if (n === 'list' || n === 'set') return { kind: n, element: t.args[0] ?? OBJECT_T };
    if (n === 'map') return { kind: 'map', key: t.args[0] ?? typeRef('String'), value: t.args[1] ?? OBJECT_T };
    const cls = this.classFor(t);
    if (cls) {
      if (cls.kind === 'enum') return { kind: 'enum', values: cls.enumValues };
      return {
        kind: 'class',
        fields: cls.instanceMembers().map((m) => ({
          name: m.decl.display,
          key: m.decl.name,
          type: this.typeFrom(m.decl.type, m.owner),
          transient: m.decl.modifiers.has('transient'),
          // Properties with accessor bodies are read and written through them, as Apex JSON does.
          read: m.kind === 'prop' && m.decl.getter ? (o: ApexObject) => this.readMember(m, o, null) : undefined,
          write:
            m.kind === 'prop' && m.decl.setter
              ? (o: ApexObject, v: Value) => void this.writeMember(m, o, v, null)
              : undefined
        })),
        instantiate: () => this.instantiateForDeserialize(cls)
      };
    }
    const api = this.sobjectName(t.name);
    if (api) return { kind: 'sobject', sobjectType: api };
    const ne = this.natives.enumFor(t.name);
    if (ne) return { kind: 'enum', values: ne.values };
    return { kind: 'unknown' };
  }

  /** A declared type with user class names made canonical as seen from `owner` (`Kind` inside Dto → `dto.kind`). */
  typeFrom(t: TypeRef, owner: ClassInfo): TypeRef {
    const args = t.args.map((a) => this.typeFrom(a, owner));
    const cls = isPrimitiveName(t.name) ? null : this.registry.resolve(t.name, owner);
    if (cls && !cls.isBuiltin) return { name: cls.name, args, display: cls.display };
    return args.length ? { ...t, args } : t;
  }

  debug(level: string, message: string): void {
    this.debugSink(this.currentLine(), level, message);
  }

  currentLine(): number {
    return this.topFrame()?.pos.line ?? 0;
  }

  lowerBindExpression(expressionContext: unknown): unknown {
    return new Lowerer(this.topFrame()?.file ?? 'dynamic SOQL').lowerExpression(expressionContext);
  }

  evaluateInCallerScope(loweredExpression: unknown): Value {
    const f = this.topFrame();
    if (!f) throw new Error('no Apex caller to evaluate a bind expression in');
    return this.eval(loweredExpression as Expr, f);
  }

  classFor(t: TypeRef): ClassInfo | null {
    const from = this.topFrame()?.cls ?? null;
    return this.registry.resolve(t.name, from);
  }

  sobjectName(name: string): string | null {
    const n = name.startsWith('schema.') ? name.slice(7) : name;
    if (n === 'sobject') return null;
    return this.platform.schema.objectName(n);
  }

  /** Whether a dotted name denotes a type or namespace other than a user class (the resolver's {@link TypeWorld}). */
  namesOtherType(parts: string[]): boolean {
    const t = this.resolveTypeTarget(parts, null);
    return !!t && !(t.kind === 'class' && t.cls.decl);
  }

  /** Resolves a dotted path of canonical names to a type, or null when it names no type. */
  resolveTypeTarget(parts: string[], f: Frame | null): TypeTarget | null {
    const joined = parts.join('.');
    if (parts.length === 1 && parts[0] === 'trigger') return { kind: 'trigger' };
    const cls = this.registry.resolve(joined, f?.cls ?? null);
    if (cls && !(cls.isBuiltin && cls.kind === 'interface')) return { kind: 'class', cls };
    const ne =
      this.natives.enumFor(joined) ??
      (parts[0] === 'system' ? this.natives.enumFor(parts.slice(1).join('.')) : undefined);
    if (ne) return { kind: 'nativeEnum', name: ne.display.toLowerCase() };
    const def =
      this.natives.classFor(joined) ??
      (parts[0] === 'system' && parts.length > 1 ? this.natives.classFor(parts.slice(1).join('.')) : undefined);
    if (def) return { kind: 'native', def, name: def.name.toLowerCase() };
    if (parts.length <= 2) {
      const api =
        parts.length === 1 || parts[0] === 'schema' ? this.platform.schema.objectName(parts[parts.length - 1]) : null;
      if (api) return { kind: 'sobject', api };
    }
    if (parts.length === 1 && (NAMESPACES.has(parts[0]) || this.natives.isNamespace(parts[0]))) {
      return { kind: 'namespace', name: parts[0] };
    }
    return null;
  }

  /** Resolves a declared type to the canonical name of the user class it names, when it names one. */
  protected canonicalType(t: TypeRef): TypeRef {
    const cls = this.classFor(t);
    if (cls && cls.name !== t.name) return { name: cls.name, args: t.args, display: cls.display };
    const api = isPrimitiveName(t.name) ? null : this.sobjectName(t.name);
    if (api) return { name: api.toLowerCase(), args: [], display: api };
    return t;
  }
}
