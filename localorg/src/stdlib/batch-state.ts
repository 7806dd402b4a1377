/**
 * The instance state a Batch Apex job carries between its transactions. The platform keeps the job object as it was
 * submitted and gives every transaction (`start`, each `execute`, `finish`) that state afresh, unless the class
 * implements `Database.Stateful`, whose instance variables carry over [doc: Using State in Batch Apex]. A copy here is
 * a deep copy of what serialization would keep: objects, collections and records, with shared references and cycles
 * kept as they were; immutable values (strings, numbers, Ids, dates) and built-in objects are shared.
 */
import { ApexList, ApexMap, ApexObject, ApexSet, SObject, type Value } from '../values/values.js';

/** A copy of `root` and everything it reaches, so changes to one leave the other as it was. */
export function copyObjectGraph(root: ApexObject): ApexObject {
  const copies = new Map<object, Value>();
  const copy = (v: Value): Value => {
    if (v === null || typeof v !== 'object') return v;
    const seen = copies.get(v);
    if (seen !== undefined) return seen;
    if (v instanceof ApexObject) {
      const c = new ApexObject(v.cls);
      copies.set(v, c);
      c.native = { ...v.native };
      for (const [k, f] of v.fields) c.fields.set(k, copy(f));
      return c;
    }
    if (v instanceof ApexList) {
      const c = new ApexList(v.elementType, []);
      copies.set(v, c);
      c.items = v.items.map(copy);
      return c;
    }
    if (v instanceof ApexSet) {
      const c = new ApexSet(v.elementType);
      copies.set(v, c);
      for (const [k, e] of v.entries) c.entries.set(k, copy(e));
      return c;
    }
    if (v instanceof ApexMap) {
      const c = new ApexMap(v.keyType, v.valueType);
      copies.set(v, c);
      c.caseInsensitive = v.caseInsensitive;
      for (const [k, [key, value]] of v.entries) c.entries.set(k, [copy(key), copy(value)]);
      return c;
    }
    if (v instanceof SObject) {
      const c = new SObject(v.type);
      copies.set(v, c);
      for (const [k, f] of v.fields) c.fields.set(k, copy(f));
      for (const [k, n] of v.names) c.names.set(k, n);
      c.queried = v.queried ? new Set(v.queried) : null;
      c.cloneOf = v.cloneOf;
      return c;
    }
    return v;
  };
  return copy(root) as ApexObject;
}
