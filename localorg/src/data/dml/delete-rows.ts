/** Delete (with master-detail children and related activities) and undelete, with their triggers. */
import { ApexId } from '../../values/values.js';
import type { OrgContext } from '../context.js';
import type { ObjectDef } from '../schema/types.js';
import { copyRow } from '../store.js';
import { fire } from './fire-triggers.js';
import type { Row } from './row.js';

export function deleteRows(org: OrgContext, object: ObjectDef, rows: Row[]): void {
  const table = object.name.toLowerCase();
  for (const r of rows) {
    r.old = copyRow(org.store.get(table, r.id!.value)!);
    r.work = r.old;
    r.work.errors = [];
  }
  fire(org, object, 'before delete', rows);
  const ok = rows.filter((r) => r.errors.length === 0);
  for (const r of ok) {
    org.store.remove(table, r.id!.value);
    cascadeDelete(org, object, r.id!.value);
    deleteRelatedActivities(org, r.id!.value);
  }
  for (const r of ok) r.work = copyRow(r.old!);
  fire(org, object, 'after delete', ok);
}

/** Master-detail children go with their parent, without firing their triggers [mem]. */
export function cascadeDelete(org: OrgContext, object: ObjectDef, parentId: string): void {
  for (const rel of object.childRelationships) {
    if (!rel.cascadeDelete) continue;
    const child = org.schema.object(rel.childObject);
    if (!child) continue;
    const table = child.name.toLowerCase();
    const doomed = [...org.store.rows(table)].filter((row) => {
      const fk = row.get(rel.field);
      return fk instanceof ApexId && fk.value === parentId;
    });
    for (const row of doomed) {
      org.store.remove(table, row.id!.value);
      cascadeDelete(org, child, row.id!.value);
    }
  }
}

/** Events and Tasks whose WhoId or WhatId is the deleted record go with it, without their triggers [mem]. */
export function deleteRelatedActivities(org: OrgContext, id: string): void {
  for (const table of ['event', 'task']) {
    const doomed = [...org.store.rows(table)].filter((row) => {
      const who = row.fields.get('whoid');
      const what = row.fields.get('whatid');
      return (who instanceof ApexId && who.value === id) || (what instanceof ApexId && what.value === id);
    });
    for (const row of doomed) org.store.remove(table, row.id!.value);
  }
}

export function undeleteRows(org: OrgContext, object: ObjectDef, rows: Row[]): void {
  for (const r of rows) {
    const restored = copyRow(org.store.getDeleted(r.id!.value)!);
    restored.set('IsDeleted', false);
    org.store.put(restored);
    r.work = copyRow(restored);
    r.work.errors = [];
  }
  fire(org, object, 'after undelete', rows);
}
