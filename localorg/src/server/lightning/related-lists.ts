/**
 * Related lists of a record page: which lists an object's page shows (the layout's `relatedLists`, else the lists a
 * new org's standard layout has), each resolved to a child relationship with the columns Lightning shows, and the
 * UI API's related-list records (`/ui-api/related-list-records/{parentRecordId}/{relatedListId}`) that fill them.
 * Standard list names, default lists and columns are [mem] and listed in localorg/FIDELITY.md.
 */
import type { ObjectInfo, ServerDataPlatform } from '../runtime-seams.js';
import { objectOfId, recordJson, uiError, type UiUser } from './ui-api.js';
import type { Json } from '../sobject-json.js';

export interface RelatedColumn {
  name: string;
  label: string;
}

export interface RelatedListInfo {
  /** The UI API's relatedListId: the child relationship name, or OpenActivities / ActivityHistories. */
  id: string;
  label: string;
  childObject: string;
  field: string;
  iconName: string;
  /** The column that names a row and links to it, and its header. */
  nameField: string;
  nameLabel: string;
  columns: RelatedColumn[];
}

type Filter = 'open' | 'history' | null;

/** Standard related-list names of page layouts → the child relationship they list [mem]. */
const STANDARD_LISTS: Record<string, { relationship: string; id?: string; label?: string }> = {
  RelatedContactList: { relationship: 'Contacts' },
  RelatedOpportunityList: { relationship: 'Opportunities' },
  RelatedCaseList: { relationship: 'Cases' },
  RelatedActivityList: { relationship: 'Events', id: 'OpenActivities', label: 'Open Activities' },
  RelatedHistoryList: { relationship: 'Events', id: 'ActivityHistories', label: 'Activity History' }
};

/** Open activities are events not yet ended; activity history the ended ones (tasks are not listed) [mem]. */
const FILTERS: Record<string, Filter> = { OpenActivities: 'open', ActivityHistories: 'history' };

/** A new org's standard layouts' related lists, for objects the project has no layout for [mem]. */
const DEFAULT_LISTS: Record<string, string[]> = {
  contact: ['RelatedOpportunityList', 'RelatedCaseList', 'RelatedActivityList', 'RelatedHistoryList'],
  account: [
    'RelatedContactList',
    'RelatedOpportunityList',
    'RelatedCaseList',
    'RelatedActivityList',
    'RelatedHistoryList'
  ],
  lead: ['RelatedActivityList', 'RelatedHistoryList'],
  opportunity: ['RelatedActivityList', 'RelatedHistoryList']
};

/** Columns after the name, by child object [mem]; other objects show their first three plain fields. */
const COLUMNS: Record<string, string[]> = {
  contact: ['Title', 'Email', 'Phone'],
  opportunity: ['StageName', 'Amount', 'CloseDate'],
  case: ['Subject', 'Status', 'Priority'],
  event: ['StartDateTime', 'EndDateTime', 'Location'],
  task: ['ActivityDate', 'Status', 'Priority']
};

const ICONS: Record<string, string> = {
  contact: 'standard:contact',
  opportunity: 'standard:opportunity',
  case: 'standard:case',
  event: 'standard:event',
  task: 'standard:task',
  account: 'standard:account',
  lead: 'standard:lead'
};

/** The lists `info`'s record page shows: the layout's (null: no layout) or the standard ones; `only` picks one. */
export function relatedListsFor(
  platform: ServerDataPlatform,
  info: ObjectInfo,
  layoutLists: string[] | null,
  only: string | null
): RelatedListInfo[] {
  const names = layoutLists ?? DEFAULT_LISTS[info.name.toLowerCase()] ?? [];
  const lists = names
    .map((name) => resolveLayoutName(platform, info, name))
    .filter((l): l is RelatedListInfo => l !== null);
  if (!only) return lists;
  const single = lists.find((l) => l.id === only) ?? resolveListId(platform, info, only);
  return single ? [single] : [];
}

function resolveLayoutName(platform: ServerDataPlatform, info: ObjectInfo, name: string): RelatedListInfo | null {
  const std = STANDARD_LISTS[name];
  if (std) return listOf(platform, info, (c) => c.relationshipName === std.relationship, std.id, std.label);
  const [child, field] = name.split('.');
  if (!field) return null;
  return listOf(
    platform,
    info,
    (c) => c.childObject.toLowerCase() === child.toLowerCase() && c.field.toLowerCase() === field.toLowerCase()
  );
}

/** A relatedListId as the UI API takes it: OpenActivities, ActivityHistories or a child relationship name. */
export function resolveListId(platform: ServerDataPlatform, info: ObjectInfo, id: string): RelatedListInfo | null {
  const std = Object.values(STANDARD_LISTS).find((s) => s.id === id);
  if (std) return listOf(platform, info, (c) => c.relationshipName === std.relationship, std.id, std.label);
  return listOf(platform, info, (c) => c.relationshipName.toLowerCase() === id.toLowerCase());
}

interface Child {
  relationshipName: string;
  childObject: string;
  field: string;
}

function listOf(
  platform: ServerDataPlatform,
  info: ObjectInfo,
  match: (c: Child) => boolean,
  id?: string,
  label?: string
): RelatedListInfo | null {
  const child = (info.def?.childRelationships ?? []).find(match);
  const childInfo = child ? platform.describeObject(child.childObject) : null;
  if (!child || !childInfo || childInfo.def?.queryableOnly) return null;
  const has = (name: string) => childInfo.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
  const nameField = ['Name', 'Subject', 'CaseNumber'].find((n) => has(n)) ?? 'Id';
  const wanted = COLUMNS[childInfo.name.toLowerCase()] ?? firstPlainFields(childInfo, nameField);
  const columns = wanted
    .filter((n) => n !== nameField)
    .map((n) => has(n))
    .filter((f) => f !== undefined)
    .map((f) => ({ name: f.name, label: f.label ?? f.name }));
  return {
    id: id ?? child.relationshipName,
    label: label ?? childInfo.labelPlural ?? childInfo.name,
    childObject: childInfo.name,
    field: child.field,
    iconName: ICONS[childInfo.name.toLowerCase()] ?? 'standard:related_list',
    nameField,
    nameLabel: has(nameField)?.label ?? nameField,
    columns
  };
}

function firstPlainFields(info: ObjectInfo, nameField: string): string[] {
  return info.fields
    .filter((f) => !['id', 'reference', 'base64', 'textarea'].includes(f.type) && f.name !== nameField)
    .filter((f) => !/^(SystemModstamp|IsDeleted|CreatedDate|LastModifiedDate)$/.test(f.name))
    .slice(0, 3)
    .map((f) => f.name);
}

export interface RelatedListRequest {
  /** Segments after `/lightning/ui-api/related-list-records`: the parent record id and the relatedListId. */
  segments: string[];
  query: URLSearchParams;
}

/** The resource returns "up to 1,999 records" per page (UI API, Get Related List Records). */
const MAX_PAGE = 1999;

/** `GET /ui-api/related-list-records/{parentRecordId}/{relatedListId}?fields=&pageSize=` (newest first). */
export function handleRelatedListRecords(platform: ServerDataPlatform, user: UiUser, req: RelatedListRequest): Json {
  const [parentId, listId, ...rest] = req.segments;
  if (!parentId || !listId || rest.length) {
    throw uiError(404, 'NOT_FOUND', 'Use /ui-api/related-list-records/{parentRecordId}/{relatedListId}');
  }
  const parent = objectOfId(platform, parentId);
  const list = resolveListId(platform, parent, listId);
  if (!list) {
    throw uiError(404, 'NOT_FOUND', `${parent.name} has no related list ${listId}`);
  }
  const pageSize = Number(req.query.get('pageSize') ?? '50');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) {
    throw uiError(400, 'ILLEGAL_QUERY_PARAMETER_VALUE', `pageSize must be a whole number from 1 to ${MAX_PAGE}`);
  }
  const child = platform.describeObject(list.childObject)!;
  const known = new Set(child.fields.map((f) => f.name.toLowerCase()));
  const fields = (req.query.get('fields') ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f.toLowerCase().startsWith(child.name.toLowerCase() + '.'))
    .map((f) => f.slice(child.name.length + 1))
    .filter((f) => known.has(f.toLowerCase()));
  const wanted = [...new Set(['Id', list.nameField, ...fields])];
  const where = `${list.field} = '${parentId}'${filterOf(FILTERS[list.id] ?? null, child)}`;
  const order = known.has('startdatetime') ? 'StartDateTime DESC' : 'CreatedDate DESC';
  const rows = platform.queryText(
    `SELECT ${wanted.join(', ')} FROM ${child.name} WHERE ${where} ORDER BY ${order} LIMIT ${pageSize}`
  );
  const count = platform.queryText(`SELECT COUNT() FROM ${child.name} WHERE ${where}`);
  const records = typeof rows === 'number' ? [] : rows.map((r) => recordJson(r, child, user, platform, wanted));
  return {
    records,
    count: typeof count === 'number' ? count : records.length,
    pageSize,
    currentPageToken: '0',
    nextPageToken: null,
    listReference: { inContextOfRecordId: parentId, parentObjectApiName: parent.name, relatedListId: list.id },
    fields: wanted.map((f) => `${child.name}.${f}`)
  };
}

function filterOf(filter: Filter, child: ObjectInfo): string {
  if (!filter || !child.fields.some((f) => f.name === 'EndDateTime')) return '';
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return filter === 'open' ? ` AND EndDateTime >= ${now}` : ` AND EndDateTime < ${now}`;
}
