/**
 * Every platform message the data platform produces, in one table, so a wrong wording is fixed in one place.
 * Sources are in localorg/FIDELITY.md ("Data platform"); texts marked [mem] there were written from memory.
 */

export type LimitKind = 'queries' | 'queryRows' | 'dmlStatements' | 'dmlRows' | 'cpu' | 'searches';

export function limitMessage(kind: LimitKind, max = 0): string {
  switch (kind) {
    case 'queries':
      return `Too many SOQL queries: ${max + 1}`;
    case 'queryRows':
      return `Too many query rows: ${max + 1}`;
    case 'dmlStatements':
      return `Too many DML statements: ${max + 1}`;
    case 'dmlRows':
      return `Too many DML rows: ${max + 1}`;
    case 'searches':
      return `Too many SOSL queries: ${max + 1}`;
    case 'cpu':
      return 'Apex CPU time limit exceeded';
  }
}

export const msg = {
  // SOQL
  noSuchColumn: (field: string, object: string) =>
    `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  noSuchRelation: (rel: string, _object: string) =>
    `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  noSuchChildRelation: (rel: string, object: string) =>
    `Didn't understand relationship '${rel}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names. (on entity '${object}')`,
  noSuchObject: (object: string) =>
    `sObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  badValueForField: (value: string, field: string) =>
    `value of filter criterion for field '${field}' must be of type ${value} and should not be enclosed in quotes`,
  invalidIdInFilter: (value: string) => `invalid ID field: ${value}`,
  notGroupedOrAggregated: (field: string) => `Field must be grouped or aggregated: ${field}`,
  unqueriedField: (object: string, field: string) =>
    `SObject row was retrieved via SOQL without querying the requested field: ${object}.${field}`,
  // Used by the interpreter for single-row assignment from SOQL.
  noRowsForAssignment: () => 'List has no rows for assignment to SObject',
  tooManyRowsForAssignment: () => 'List has more than 1 row for assignment to SObject',
  limitTooLarge: () => 'The maximum OFFSET is 2,000',
  negativeLimit: (what: string) => `${what} must be a non-negative integer`,
  nullBindInLimit: (what: string) => `${what} bind variable must not be null`,

  // DML: statement-level
  dmlFailed: (op: string, row: number, code: string, message: string, fields: string[]) =>
    `${capitalise(op)} failed. First exception on row ${row}; first error: ${code}, ${message}: [${fields.join(', ')}]`,
  dmlFailedWithId: (op: string, row: number, id: string, code: string, message: string, fields: string[]) =>
    `${capitalise(op)} failed. First exception on row ${row} with id ${id}; first error: ${code}, ${message}: [${fields.join(', ')}]`,
  insertWithId: () => 'cannot specify Id in an insert call',
  updateWithoutId: () => 'Id not specified in an update call',
  deleteWithoutId: () => 'Id not specified in a delete call', // [mem]
  entityDeleted: () => 'entity is deleted',
  notInRecycleBin: () => 'Entity is not in the recycle bin', // [mem] UNDELETE_FAILED
  duplicateIdInList: () => 'Duplicate id in list', // [mem] raised as ListException
  dmlNotAllowedOn: (op: string, object: string) => `DML operation ${capitalise(op)} not allowed on ${object}`,
  tooManyRetries: () => 'Too many batch retries in the presence of Apex triggers and partial failures.',
  upsertNoExternalIdField: (field: string, _object: string) =>
    `Invalid field for upsert, must be an External Id custom or standard indexed field: ${field}`,
  upsertDuplicateKey: (_field: string, value: string) => `Duplicate external id specified: ${value}`,
  upsertMultipleMatches: (field: string, value: string, ids: string[]) =>
    `${field}: more than one record found for external id field: [${ids.join(', ')}]`,
  triggerDepth: () => 'maximum trigger depth exceeded',
  foreignKeyNotFound: (value: string, field: string, object: string) =>
    `Foreign key external ID: ${value} not found for field ${field} in entity ${object}`,
  foreignKeyTooManyFields: (object: string) =>
    `More than 1 field provided in an external foreign key reference in entity: ${object}`,
  invalidParent: (type: string, field: string) => `${type} is not a valid parent for ${field}`,
  // DML: field validation
  requiredMissing: (fields: string[]) => `Required fields are missing: [${fields.join(', ')}]`,
  stringTooLong: (label: string, value: string, max: number) =>
    `${label}: data value too large: ${value} (max length=${max})`,
  badPicklist: (label: string, value: string) => `${label}: bad value for restricted picklist field: ${value}`,
  badEmail: (label: string, value: string) => `${label}: invalid email address: ${value}`,
  duplicateValue: (field: string, id: string) =>
    `duplicate value found: ${field} duplicates value on record with id: ${id}`,
  badReference: (label: string, value: string) => `${label}: id value of incorrect type: ${value}`,
  missingReference: () => 'invalid cross reference id',
  numberOutOfRange: (label: string, value: string) =>
    `${label}: value outside of valid range on numeric field: ${value}`,
  // Standard objects
  eventNoStart: () => 'Required fields are missing: [ActivityDateTime]',
  eventNoDuration: () => 'Required fields are missing: [DurationInMinutes]',
  eventStartMismatch: () => 'Activity date/time and start date/time do not match', // [mem]
  eventEndMismatch: () => 'End date/time and duration do not agree', // [mem]
  eventEndBeforeStart: () => 'End date/time cannot be before the start date/time', // [mem]
  eventDurationRange: (maxMinutes: number) => `Duration must be between 0 and ${maxMinutes} minutes`,
  whatIdWithLead: () => 'Cannot set WhatId when WhoId is a Lead', // localorg's wording of a documented rule
  privateEventRelated: () => 'A private event cannot be related to a contact, lead or other record' // localorg's wording
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
