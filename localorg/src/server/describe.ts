/**
 * `GET /sobjects` and `GET /sobjects/T/describe` in the platform's shapes (DescribeGlobalResult, DescribeSObjectResult
 * and its Field entries): labels, picklist values, lengths, nillable, reference targets and the real
 * create/update/delete flags, read from the schema definition behind each object. Keys an org also sends but that
 * localorg has nothing behind (layouts, compact layouts, search layouts) keep their type with an empty value.
 */
import type { FieldInfo, ObjectInfo, ServerDataPlatform } from './runtime-seams.js';
import type { Json } from './sobject-json.js';

/**
 * Objects the API never deletes (describe says `deletable: false`): users are deactivated, not deleted; the
 * Organization, Profiles, Roles, Record Types and Permission Sets are setup data. The REST API refuses the verb. [mem]
 */
const UNDELETABLE = new Set(['user', 'organization', 'profile', 'recordtype', 'userrole', 'permissionset']);

export function isDeletable(info: ObjectInfo): boolean {
  if (UNDELETABLE.has(info.name.toLowerCase())) return false;
  return info.def?.deletable ?? true;
}

export function isCreateable(info: ObjectInfo): boolean {
  return info.def?.createable ?? true;
}

export function isUpdateable(info: ObjectInfo): boolean {
  return info.def?.updateable ?? true;
}

const isCustomName = (name: string): boolean => /__(c|mdt|e|x|b)$/i.test(name);

function objectUrls(version: string, name: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** The object-level flags shared by the global list and the full describe. */
function objectSummary(info: ObjectInfo, version: string): { [key: string]: Json } {
  const def = info.def;
  const createable = isCreateable(info);
  const custom = def?.custom ?? isCustomName(info.name);
  return {
    activateable: false,
    createable,
    custom,
    customSetting: def ? def.customSetting !== null : false,
    deepCloneable: false,
    deletable: isDeletable(info),
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: info.keyPrefix,
    label: info.label ?? info.name,
    labelPlural: info.labelPlural ?? info.label ?? info.name,
    layoutable: !(def?.customMetadata ?? false),
    mergeable: ['account', 'contact', 'lead'].includes(info.name.toLowerCase()),
    mruEnabled: !(def?.setup ?? false),
    name: info.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: !(def?.customSetting ?? def?.customMetadata ?? false),
    triggerable: !(def?.customMetadata ?? false),
    undeletable: isDeletable(info) && !(def?.setup ?? false),
    updateable: isUpdateable(info),
    urls: objectUrls(version, info.name)
  };
}

export function describeGlobal(platform: ServerDataPlatform, version: string): Json {
  const sobjects: Json[] = [];
  for (const name of platform.objectNames()) {
    const info = platform.describeObject(name);
    if (info) sobjects.push(objectSummary(info, version));
  }
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects };
}

export function describeSObject(platform: ServerDataPlatform, info: ObjectInfo, version: string): Json {
  const def = info.def;
  const childRelationships: Json[] = (def?.childRelationships ?? []).map((c) => ({
    cascadeDelete: c.cascadeDelete,
    childSObject: c.childObject,
    deprecatedAndHidden: false,
    field: c.field,
    junctionIdListNames: [],
    junctionReferenceTo: [],
    relationshipName: c.relationshipName,
    restrictedDelete: false
  }));
  const masterRecordType = info.keyPrefix ? `012000000000000AAA` : null;
  return {
    ...objectSummary(info, version),
    actionOverrides: [],
    childRelationships,
    fields: info.fields.map((f) => describeField(f)),
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: masterRecordType
      ? [
          {
            active: true,
            available: true,
            defaultRecordTypeMapping: true,
            developerName: 'Master',
            master: true,
            name: 'Master',
            recordTypeId: masterRecordType,
            urls: { layout: `/services/data/v${version}/sobjects/${info.name}/describe/layouts/${masterRecordType}` }
          }
        ]
      : [],
    supportedScopes: [],
    sobjectDescribeOption: 'FULL'
  };
}

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  integer: 'xsd:int',
  long: 'xsd:long',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  base64: 'xsd:base64Binary',
  address: 'urn:address',
  location: 'urn:location',
  anytype: 'xsd:anyType'
};

const TEXT_TYPES = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'combobox',
  'encryptedstring'
]);

function describeField(f: FieldInfo): Json {
  const d = f.def;
  const type = f.type === 'integer' ? 'int' : f.type;
  const length = d?.length ?? 0;
  const text = TEXT_TYPES.has(type);
  const autoNumber = d?.autoNumber ?? false;
  const formula = (d?.calculated ?? false) && !autoNumber;
  const idLength = type === 'id' || type === 'reference' ? 18 : 0;
  const defaultValue = d?.defaultValue ?? null;
  const audit = ['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];
  return {
    aggregatable: !['textarea', 'multipicklist', 'base64', 'address', 'location'].includes(type),
    autoNumber,
    byteLength: (idLength || (text ? length : 0)) * 3,
    calculated: formula,
    calculatedFormula: null,
    cascadeDelete: d?.cascadeDelete ?? false,
    caseSensitive: d?.caseSensitive ?? false,
    createable: f.createable,
    custom: d?.custom ?? f.name.toLowerCase().endsWith('__c'),
    defaultValue: typeof defaultValue === 'string' ? defaultValue.replace(/^'(.*)'$/, '$1') : defaultValue,
    defaultValueFormula: null,
    defaultedOnCreate:
      audit.includes(f.name) || autoNumber || type === 'boolean' || defaultValue !== null || f.name === 'OwnerId',
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: type === 'int' ? d?.precision || 9 : 0,
    externalId: d?.externalId ?? false,
    filterable: !['textarea', 'base64'].includes(type),
    groupable: !['textarea', 'multipicklist', 'double', 'currency', 'percent', 'datetime', 'base64'].includes(type),
    htmlFormatted: false,
    idLookup: (d?.idLookup ?? false) || f.name === 'Id',
    inlineHelpText: null,
    label: f.label ?? f.name,
    length: idLength || (text ? length : 0),
    name: f.name,
    nameField: f.name === 'Name',
    namePointing: d?.polymorphic ?? false,
    nillable: d ? d.nillable && type !== 'boolean' && f.name !== 'Id' : type !== 'boolean',
    permissionable: (d?.custom ?? false) && d?.nillable === true && !formula,
    picklistValues: (d?.picklist ?? []).map((p) => ({
      active: p.active,
      defaultValue: p.isDefault,
      label: p.label,
      validFor: null,
      value: p.value
    })),
    polymorphicForeignKey: d?.polymorphic ?? false,
    precision: ['double', 'currency', 'percent'].includes(type) ? (d?.precision ?? 18) : 0,
    referenceTo: d ? [...d.referenceTo] : [],
    relationshipName: d?.relationshipName ?? null,
    relationshipOrder: null,
    restrictedPicklist: d?.restrictedPicklist ?? false,
    scale: ['double', 'currency', 'percent'].includes(type) ? (d?.scale ?? 0) : 0,
    soapType: SOAP_TYPES[type] ?? 'xsd:string',
    sortable: !['textarea', 'multipicklist', 'base64'].includes(type),
    type,
    unique: d?.unique ?? false,
    updateable: f.updateable,
    writeRequiresMasterRead: false
  };
}
