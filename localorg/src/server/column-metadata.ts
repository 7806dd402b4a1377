/**
 * `GET /query?q=…&columns=true`: the columns a query selects, as the platform's undocumented `columnMetadata` (the sf
 * CLI's `data query` lays out its table from it). Plain fields are one column each; a relationship path is one column
 * per relationship with the path's fields as `joinColumns`; an aggregate is `aggregate: true` named `expr0…` unless
 * aliased; a subquery is `aggregate: true` with its own columns as `joinColumns`. Names take the schema's spelling.
 */
import type { AggregateName, SoqlQuery } from '../syntax/soql/ast.js';
import type { ObjectInfo, ServerDataPlatform } from './runtime-seams.js';
import type { Json } from './sobject-json.js';

export interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

const APEX_TYPES: Record<string, string> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  int: 'Integer',
  long: 'Long',
  double: 'Double',
  currency: 'Decimal',
  percent: 'Double',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time',
  base64: 'Blob'
};

function column(name: string, displayName: string, info: ObjectInfo | null): ColumnMetadata {
  const field = info?.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
  const type = field?.type ?? 'string';
  return {
    aggregate: false,
    apexType: field ? (APEX_TYPES[type] ?? 'String') : null,
    booleanType: type === 'boolean',
    columnName: field?.name ?? name,
    custom: field?.def?.custom ?? name.toLowerCase().endsWith('__c'),
    displayName,
    foreignKeyName: null,
    insertable: field?.createable ?? false,
    joinColumns: [],
    numberType: ['int', 'long', 'double', 'currency', 'percent'].includes(type),
    textType: field ? APEX_TYPES[type] === undefined : false,
    updatable: field?.updateable ?? false
  };
}

/** The object a relationship step leads to, and the step's spelling in the schema. */
function follow(
  platform: ServerDataPlatform,
  info: ObjectInfo | null,
  step: string
): { name: string; target: ObjectInfo | null } {
  const lookup = info?.fields.find((f) => f.def?.relationshipName?.toLowerCase() === step.toLowerCase());
  if (!lookup?.def) return { name: step, target: null };
  // The `Name` pseudo-object behind polymorphic lookups is not describable; its fields are spelled as User's.
  const targets = lookup.def.referenceTo;
  const targetName = targets.includes('User') ? 'User' : targets[0];
  const target = targetName ? platform.describeObject(targetName) : null;
  return { name: lookup.def.relationshipName ?? step, target };
}

export function columnMetadata(platform: ServerDataPlatform, query: SoqlQuery): Json {
  return { columnMetadata: columnsOf(platform, query, platform.describeObject(query.from)) as unknown as Json };
}

function columnsOf(platform: ServerDataPlatform, query: SoqlQuery, info: ObjectInfo | null): ColumnMetadata[] {
  const out: ColumnMetadata[] = [];
  let expr = 0;
  const addPath = (path: string[]): void => {
    if (path.length === 1) {
      const c = column(path[0], '', info);
      c.displayName = c.columnName;
      out.push(c);
      return;
    }
    // A relationship path: one column per first step, its fields merged under it as joinColumns.
    const first = follow(platform, info, path[0]);
    let parent = out.find((c) => c.columnName.toLowerCase() === first.name.toLowerCase() && !c.aggregate);
    if (!parent) {
      parent = column(first.name, first.name, null);
      parent.apexType = null;
      parent.textType = false;
      out.push(parent);
    }
    let node = parent;
    let target = first.target;
    let display = first.name;
    for (let i = 1; i < path.length; i++) {
      const last = i === path.length - 1;
      const step = last ? { name: path[i], target: null } : follow(platform, target, path[i]);
      const name = last ? column(path[i], '', target).columnName : step.name;
      display = `${display}.${name}`;
      let child = node.joinColumns.find((c) => c.columnName.toLowerCase() === name.toLowerCase());
      if (!child) {
        child = last ? column(path[i], display, target) : column(name, display, null);
        node.joinColumns.push(child);
      }
      node = child;
      target = step.target;
    }
  };
  for (const item of query.select) {
    switch (item.kind) {
      case 'field':
        addPath(item.path);
        break;
      case 'count':
        break;
      case 'fields':
        for (const f of info?.fields ?? []) {
          const custom = f.def?.custom ?? f.name.toLowerCase().endsWith('__c');
          if (item.which === 'ALL' || (item.which === 'CUSTOM') === custom) addPath([f.name]);
        }
        break;
      case 'aggregate': {
        const name = item.alias ?? `expr${expr++}`;
        const c = column(name, aggregateText(item.fn, item.path), null);
        c.aggregate = true;
        c.numberType = item.fn !== 'MIN' && item.fn !== 'MAX';
        out.push(c);
        break;
      }
      case 'subquery': {
        const rel = info?.def?.childRelationships.find(
          (r) => r.relationshipName.toLowerCase() === item.query.from.toLowerCase()
        );
        const child = rel ? platform.describeObject(rel.childObject) : null;
        const c = column(rel?.relationshipName ?? item.query.from, rel?.relationshipName ?? item.query.from, null);
        c.aggregate = true;
        c.apexType = null;
        c.textType = false;
        c.joinColumns = columnsOf(platform, item.query, child);
        out.push(c);
        break;
      }
      case 'typeof':
        for (const when of item.whens) for (const f of when.fields) addPath([...item.path, ...f]);
        for (const f of item.elseFields) addPath([...item.path, ...f]);
        break;
    }
  }
  return out;
}

function aggregateText(fn: AggregateName, path: string[] | null): string {
  return `${fn}(${path ? path.join('.') : ''})`;
}
