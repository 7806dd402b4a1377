/**
 * Results of operations localorg does not run itself — `Database.merge`, `Database.convertLead`,
 * `Database.emptyRecycleBin`, approval locks and processes — as objects Apex can hold, read and (de)serialize:
 * `Database.MergeResult`, `Database.LeadConvertResult`, `Database.EmptyRecycleBinResult`, `Approval.LockResult`,
 * `Approval.UnlockResult`, `Approval.ProcessResult` [doc: the classes' reference pages]. Test code builds them with
 * `JSON.deserialize` (NebulaLogger's `LoggerMockDataCreator`); absent `success` is false and absent `errors` an
 * empty list, as for `Database.SaveResult`. Each getter reads the property of the same name (`getLeadId()` ↔
 * `leadId`, `isSuccess()` ↔ `success`).
 */
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { ApexList, typeRef, type TypeRef } from '../values/values.js';
import { recordClass, recordValue, type RecordProperty } from './native-records.js';

/** This module's native classes, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const ID = typeRef('Id');
const IDS = typeRef('List', [ID]);
const ERRORS = typeRef('List', [typeRef('Database.Error')]);

const SUCCESS: RecordProperty = { name: 'success', type: typeRef('Boolean'), initial: () => false };
const ERROR_LIST: RecordProperty = {
  name: 'errors',
  type: ERRORS,
  initial: () => new ApexList(typeRef('Database.Error'), [])
};

function resultClass(name: string, props: Record<string, TypeRef>): void {
  const properties: RecordProperty[] = [
    ...Object.entries(props).map(([p, type]) => ({ name: p, type })),
    SUCCESS,
    ERROR_LIST
  ];
  const { props: readable, json } = recordClass(name, properties);
  const instance: Record<string, NativeMethod> = {};
  for (const p of properties) {
    const key = p.name.toLowerCase();
    const getter = key === 'success' ? 'issuccess' : `get${key}`;
    instance[getter] = (_ctx, _args, self) => recordValue(self, key);
  }
  // Results are read-only: Apex reads their properties and calls their getters but cannot assign them.
  natives.defineClass({ name, props: readable, json, instance });
}

resultClass('Database.MergeResult', { id: ID, mergedRecordIds: IDS, updatedRelatedIds: IDS });
resultClass('Database.LeadConvertResult', {
  accountId: ID,
  contactId: ID,
  leadId: ID,
  opportunityId: ID,
  relatedPersonAccountId: ID
});
resultClass('Database.EmptyRecycleBinResult', { id: ID });
resultClass('Approval.LockResult', { id: ID });
resultClass('Approval.UnlockResult', { id: ID });
resultClass('Approval.ProcessResult', {
  entityId: ID,
  instanceId: ID,
  instanceStatus: typeRef('String'),
  newWorkitemIds: IDS,
  actorIds: IDS
});
