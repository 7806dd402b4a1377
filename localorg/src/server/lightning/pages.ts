/**
 * What each shell URL shows, as the page configuration the browser boots with: the running user, the Lightning
 * app's navigation (from the project's CustomApplication and tabs), and the page body — a custom tab's component, a
 * record page planned from its FlexiPage or layout, or an object's recent records.
 */
import type { AppInfo, UiMetadata } from '../../lightning/metadata/project-ui.js';
import { planRecordPage, type LayoutSection } from '../../lightning/metadata/record-page.js';
import { standardLayout } from '../../lightning/metadata/standard-layouts.js';
import type { ObjectInfo, ServerDataPlatform } from '../runtime-seams.js';
import { detailSections } from './record-fields.js';
import { relatedListsFor, resolveListId } from './related-lists.js';
import { objectOfId } from './ui-api.js';

export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string
  ) {
    super(message);
  }
}

export interface PageConfig {
  title: string;
  user: {
    id: string;
    name: string;
    locale: string;
    lang: string;
    timeZone: string;
    currency: string;
    customPermissions: string[];
  };
  app: { apiName: string; label: string; tabs: { label: string; url: string; active: boolean }[] };
  pageReference: { type: string; attributes: Record<string, string>; state: Record<string, string> };
  page: Record<string, unknown>;
}

const STANDARD_TAB = /^standard-(\w+)$/;

export function tabUrl(tab: string): string {
  const std = STANDARD_TAB.exec(tab);
  return std ? `/lightning/o/${std[1]}/home` : `/lightning/n/${encodeURIComponent(tab)}`;
}

/** The app that shows `tab` (or the first app when no app lists it). */
export function appFor(ui: UiMetadata, tab: string | null): AppInfo | null {
  return (tab ? ui.apps.find((a) => a.tabs.includes(tab)) : undefined) ?? ui.apps[0] ?? null;
}

function tabLabel(ui: UiMetadata, platform: ServerDataPlatform, tab: string): string {
  const std = STANDARD_TAB.exec(tab);
  if (std) return platform.describeObject(std[1])?.labelPlural ?? `${std[1]}s`;
  const custom = ui.tabs.get(tab);
  if (custom?.sobject) return platform.describeObject(custom.sobject)?.labelPlural ?? custom.label;
  return custom?.label ?? tab;
}

function base(ui: UiMetadata, platform: ServerDataPlatform, app: AppInfo | null, activeTab: string | null) {
  const u = platform.user;
  return {
    user: {
      id: u.id.value,
      name: u.name,
      locale: u.locale.replace('_', '-'),
      lang: u.language.replace('_', '-'),
      timeZone: u.timeZone,
      currency: u.currency,
      customPermissions: [] as string[]
    },
    app: {
      apiName: app?.apiName ?? '',
      label: app?.label ?? 'localorg',
      tabs: (app?.tabs ?? []).map((t) => ({
        label: tabLabel(ui, platform, t),
        // An object's custom tab (`<customObject>true`) opens the object's home, like a standard object's tab.
        url: ui.tabs.get(t)?.sobject ? `/lightning/o/${ui.tabs.get(t)!.sobject}/home` : tabUrl(t),
        active: t === activeTab || `standard-${ui.tabs.get(t)?.sobject}` === activeTab
      }))
    }
  };
}

export function tabPage(ui: UiMetadata, platform: ServerDataPlatform, tabName: string): PageConfig {
  const tab = ui.tabs.get(tabName);
  if (!tab) {
    throw new PageError(
      404,
      'Page not found',
      `The project has no custom tab named ${tabName} (looked for ${tabName}.tab-meta.xml).`
    );
  }
  if (!tab.lwcComponent) {
    throw new PageError(
      501,
      'Tab not supported',
      `${tabName} is not a Lightning component tab; localorg renders tabs whose <lwcComponent> names an LWC bundle.`
    );
  }
  if (!ui.bundles.has(tab.lwcComponent)) {
    throw new PageError(
      500,
      'Component missing',
      `Tab ${tabName} names the LWC ${tab.lwcComponent}, which the project does not contain.`
    );
  }
  const app = appFor(ui, tabName);
  return {
    title: `${tab.label} | ${app?.label ?? 'localorg'}`,
    ...base(ui, platform, app, tabName),
    pageReference: { type: 'standard__navItemPage', attributes: { apiName: tabName }, state: {} },
    page: { kind: 'tab', component: `c/${tab.lwcComponent}`, props: {} }
  };
}

export function recordPage(
  ui: UiMetadata,
  platform: ServerDataPlatform,
  objectName: string | null,
  recordId: string
): PageConfig {
  let info;
  try {
    info = objectOfId(platform, recordId);
  } catch (e) {
    throw new PageError(404, 'Record not found', (e as Error).message);
  }
  if (objectName && info.name.toLowerCase() !== objectName.toLowerCase()) {
    throw new PageError(404, 'Record not found', `${recordId} is a ${info.name} id, not a ${objectName} id.`);
  }
  const nameField = nameFieldOf(info);
  const rows = platform.queryText(
    `SELECT Id, ${nameField === 'Id' ? '' : nameField + ', '}CreatedDate FROM ${info.name} WHERE Id = '${recordId}'`
  );
  if (typeof rows === 'number' || rows.length === 0) {
    throw new PageError(404, 'Record not found', `No ${info.name} has the id ${recordId}; it may have been deleted.`);
  }
  const record = rows[0];
  const recordName = textOf(record.get(nameField)) ?? recordId;
  const app = appFor(ui, `standard-${info.name}`);
  const plan = planRecordPage(ui, app, info.name);
  const fallback = standardLayout(info.name) ?? defaultSection(info);
  const regions = Object.fromEntries(
    Object.entries(plan.regions).map(([region, items]) => [
      region,
      items.map((item) =>
        item.kind === 'detail'
          ? { kind: 'detail', sections: detailSections(platform, info, plan.layout ? item.sections : fallback) }
          : item.kind === 'relatedLists'
            ? { kind: 'relatedLists', lists: relatedListsFor(platform, info, plan.relatedLists, item.only) }
            : item
      )
    ])
  );
  return {
    title: `${recordName} | ${info.label ?? info.name} | ${app?.label ?? 'localorg'}`,
    ...base(ui, platform, app, `standard-${info.name}`),
    pageReference: {
      type: 'standard__recordPage',
      attributes: { recordId, objectApiName: info.name, actionName: 'view' },
      state: {}
    },
    page: {
      kind: 'record',
      objectApiName: info.name,
      objectLabel: info.label ?? info.name,
      iconName: iconOf(info.name),
      recordId: record.id?.value ?? recordId,
      recordName,
      flexiPage: plan.flexiPage,
      layout: plan.layout,
      regions
    }
  };
}

/**
 * Without a layout in the project or a standard one: the object's first fields that people read (not the Id, audit
 * or binary fields), at most 12, in two columns, then System Information.
 */
function defaultSection(info: { fields: { name: string; type: string }[] }): LayoutSection[] {
  const fields = info.fields
    .filter((f) => f.type !== 'id' && f.type !== 'base64' && !AUDIT_FIELDS.test(f.name))
    .slice(0, 12)
    .map((f) => f.name);
  const half = Math.ceil(fields.length / 2);
  const columns = [fields.slice(0, half), fields.slice(half)].filter((c) => c.length);
  return [
    { label: 'Information', fields, columns },
    {
      label: 'System Information',
      fields: ['CreatedById', 'LastModifiedById'],
      columns: [['CreatedById'], ['LastModifiedById']]
    }
  ];
}

const AUDIT_FIELDS = /^(SystemModstamp|IsDeleted|CreatedDate|CreatedById|LastModifiedDate|LastModifiedById)$/;

/** `/lightning/r/<Object>/<Id>/related/<relatedListId>/view`: one related list of a record, up to 50 rows. */
export function relatedListPage(
  ui: UiMetadata,
  platform: ServerDataPlatform,
  objectName: string,
  recordId: string,
  listId: string
): PageConfig {
  const record = recordPage(ui, platform, objectName, recordId);
  const info = objectOfId(platform, recordId);
  const list = resolveListId(platform, info, listId);
  if (!list) throw new PageError(404, 'Page not found', `${info.name} has no related list named ${listId}.`);
  const parent = record.page as { recordName: string; objectLabel: string; iconName: string };
  return {
    ...record,
    title: `${list.label} | ${parent.recordName} | ${record.app.label}`,
    pageReference: {
      type: 'standard__recordRelationshipPage',
      attributes: { recordId, objectApiName: info.name, relationshipApiName: list.id, actionName: 'view' },
      state: {}
    },
    page: {
      kind: 'relatedList',
      objectApiName: info.name,
      objectLabel: parent.objectLabel,
      recordId,
      recordName: parent.recordName,
      recordUrl: `/lightning/r/${info.name}/${recordId}/view`,
      list
    }
  };
}

export function objectHomePage(ui: UiMetadata, platform: ServerDataPlatform, objectName: string): PageConfig {
  const info = platform.describeObject(objectName);
  if (!info) throw new PageError(404, 'Page not found', `The org has no object named ${objectName}.`);
  const nameField = nameFieldOf(info);
  const rows = platform.queryText(
    `SELECT Id${nameField === 'Id' ? '' : ', ' + nameField} FROM ${info.name} ORDER BY CreatedDate DESC LIMIT 50`
  );
  const records = (typeof rows === 'number' ? [] : rows).map((r) => {
    const id = r.id?.value ?? '';
    return { id, name: textOf(r.get(nameField)) ?? id, url: `/lightning/r/${info.name}/${id}/view` };
  });
  const app = appFor(ui, `standard-${info.name}`);
  return {
    title: `${info.labelPlural ?? info.name} | ${app?.label ?? 'localorg'}`,
    ...base(ui, platform, app, `standard-${info.name}`),
    pageReference: {
      type: 'standard__objectPage',
      attributes: { objectApiName: info.name, actionName: 'home' },
      state: {}
    },
    page: {
      kind: 'objectHome',
      objectApiName: info.name,
      objectLabelPlural: info.labelPlural ?? info.name,
      iconName: iconOf(info.name),
      records
    }
  };
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

const STANDARD_ICONS: Record<string, string> = {
  event: 'standard:event',
  contact: 'standard:contact',
  lead: 'standard:lead',
  account: 'standard:account',
  user: 'standard:user',
  task: 'standard:task'
};

function iconOf(objectName: string): string {
  return STANDARD_ICONS[objectName.toLowerCase()] ?? 'standard:record';
}

/** The field a page titles a record by: Name, else Subject (activities), else the Id itself. */
function nameFieldOf(info: ObjectInfo): 'Name' | 'Subject' | 'Id' {
  if (info.fields.some((f) => f.name === 'Name')) return 'Name';
  return info.fields.some((f) => f.name === 'Subject') ? 'Subject' : 'Id';
}
