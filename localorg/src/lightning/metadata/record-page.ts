/**
 * What a record page shows, read from metadata: the object's Lightning record page (FlexiPage) when the project has
 * one, otherwise the page layout's sections. Produces a neutral description the shell renders: regions of items,
 * each a project component (`c/<name>` with its design properties), the layout-driven detail panel, or a standard
 * component localorg does not emulate (shown as such, never silently dropped).
 */
import { asArray, parseXml, text, type AppInfo, type UiMetadata } from './project-ui.js';

export interface LayoutSection {
  label: string;
  /** Field API names in reading order (column by column, as the layout lists them). */
  fields: string[];
  /** The same fields by layout column: a two-column section shows `columns[0]` down the left, `columns[1]` right. */
  columns: string[][];
}

export type RecordPageItem =
  | { kind: 'component'; component: string; props: Record<string, string | number | boolean> }
  | { kind: 'detail'; sections: LayoutSection[] }
  /** `force:relatedListContainer` (every list of the layout) or one list (`force:relatedListSingleContainer`). */
  | { kind: 'relatedLists'; only: string | null }
  | { kind: 'unsupported'; component: string; message: string };

export interface RecordPagePlan {
  /** FlexiPage API name, or null when the page comes from the layout. */
  flexiPage: string | null;
  layout: string | null;
  /** The layout's related lists, or null when the project has no layout for the object. */
  relatedLists: string[] | null;
  regions: { header: RecordPageItem[]; main: RecordPageItem[]; sidebar: RecordPageItem[] };
}

/** Standard components that show the layout's fields. */
const DETAIL_COMPONENTS = new Set(['force:detailPanel', 'force:recordDetailPanelMobile', 'flexipage:recordDetail']);
/** Standard components whose job the shell's record header already does. */
const HEADER_COMPONENTS = new Set(['force:highlightsPanel', 'records:highlights']);

export function readLayout(file: string): LayoutSection[] {
  const layout = (parseXml(file).Layout ?? {}) as Record<string, unknown>;
  const sections: LayoutSection[] = [];
  for (const section of asArray(layout.layoutSections as Record<string, unknown>[])) {
    const columns: string[][] = [];
    for (const column of asArray(section.layoutColumns as Record<string, unknown>[])) {
      const fields = asArray(column.layoutItems as Record<string, unknown>[])
        .map((item) => text(item.field))
        .filter(Boolean);
      if (fields.length) columns.push(fields);
    }
    const fields = columns.flat();
    if (fields.length) sections.push({ label: text(section.label) || 'Information', fields, columns });
  }
  return sections;
}

/** The layout's related lists in order: standard names (`RelatedContactList`) or `Child__c.LookupField__c`. */
export function readLayoutRelatedLists(file: string): string[] {
  const layout = (parseXml(file).Layout ?? {}) as Record<string, unknown>;
  return asArray(layout.relatedLists as Record<string, unknown>[])
    .map((r) => text(r.relatedList))
    .filter(Boolean);
}

/** The layout of `objectName`: `<Object>-<Name>.layout-meta.xml`, first by name when there are several. */
export function layoutFor(ui: Pick<UiMetadata, 'layouts'>, objectName: string): string | null {
  const names = [...ui.layouts.keys()].filter((n) => n.toLowerCase().startsWith(objectName.toLowerCase() + '-'));
  return names.sort()[0] ?? null;
}

/**
 * The FlexiPage for the object's record page: the app's View action override for it when there is one, else the
 * project's only RecordPage for the object (several without an override: the first by name).
 */
export function flexiPageFor(
  ui: Pick<UiMetadata, 'flexiPages'>,
  app: AppInfo | null,
  objectName: string,
  pages: Map<string, FlexiPageInfo>
): string | null {
  const override = app?.recordPageOverrides[objectName.toLowerCase()];
  if (override && ui.flexiPages.has(override)) return override;
  const candidates = [...pages.values()]
    .filter((p) => p.type === 'RecordPage' && p.sobjectType.toLowerCase() === objectName.toLowerCase())
    .map((p) => p.name)
    .sort();
  return candidates[0] ?? null;
}

export interface FlexiPageInfo {
  name: string;
  type: string;
  sobjectType: string;
  /** Region name → component items in order (facets are folded into the region that holds them). */
  regions: Map<string, FlexiItem[]>;
}

export interface FlexiItem {
  componentName: string;
  properties: Record<string, string>;
}

export function readFlexiPage(name: string, file: string): FlexiPageInfo {
  const page = (parseXml(file).FlexiPage ?? {}) as Record<string, unknown>;
  const raw = new Map<string, { type: string; items: FlexiItem[] }>();
  for (const region of asArray(page.flexiPageRegions as Record<string, unknown>[])) {
    const items: FlexiItem[] = [];
    for (const instance of asArray(region.itemInstances as Record<string, unknown>[])) {
      const component = (instance.componentInstance ?? null) as Record<string, unknown> | null;
      if (!component) continue;
      const properties: Record<string, string> = {};
      for (const p of asArray(component.componentInstanceProperties as Record<string, unknown>[])) {
        properties[text(p.name)] = text(p.value);
      }
      items.push({ componentName: text(component.componentName), properties });
    }
    raw.set(text(region.name), { type: text(region.type), items });
  }
  // A tabset or tab refers to its facet by name (property `body` or `tabs`); fold the facet's components in place.
  const expand = (items: FlexiItem[], depth: number): FlexiItem[] =>
    items.flatMap((item) => {
      const facetNames = Object.values(item.properties).filter((v) => raw.get(v)?.type === 'Facet');
      if (facetNames.length === 0 || depth > 5) return [item];
      return facetNames.flatMap((f) => expand(raw.get(f)!.items, depth + 1));
    });
  const regions = new Map<string, FlexiItem[]>();
  for (const [regionName, region] of raw) {
    if (region.type !== 'Facet') regions.set(regionName, expand(region.items, 0));
  }
  return { name, type: text(page.type), sobjectType: text(page.sobjectType), regions };
}

export function planRecordPage(
  ui: Pick<UiMetadata, 'flexiPages' | 'layouts' | 'bundles'>,
  app: AppInfo | null,
  objectName: string
): RecordPagePlan {
  const pages = new Map([...ui.flexiPages].map(([n, f]) => [n, readFlexiPage(n, f)]));
  const layoutName = layoutFor(ui, objectName);
  const sections = layoutName ? readLayout(ui.layouts.get(layoutName)!) : [];
  const relatedLists = layoutName ? readLayoutRelatedLists(ui.layouts.get(layoutName)!) : null;
  const detail: RecordPageItem = { kind: 'detail', sections };
  const flexiName = flexiPageFor(ui, app, objectName, pages);
  if (!flexiName) {
    return {
      flexiPage: null,
      layout: layoutName,
      relatedLists,
      regions: { header: [], main: [detail, { kind: 'relatedLists', only: null }], sidebar: [] }
    };
  }
  const page = pages.get(flexiName)!;
  const regions: RecordPagePlan['regions'] = { header: [], main: [], sidebar: [] };
  for (const [regionName, items] of page.regions) {
    const target = regionName === 'header' ? regions.header : regionName === 'sidebar' ? regions.sidebar : regions.main;
    for (const item of items) {
      const planned = planItem(item, ui, detail);
      if (planned) target.push(planned);
    }
  }
  return { flexiPage: flexiName, layout: layoutName, relatedLists, regions };
}

function planItem(item: FlexiItem, ui: Pick<UiMetadata, 'bundles'>, detail: RecordPageItem): RecordPageItem | null {
  const [namespace, name] = item.componentName.split(':');
  if (namespace === 'c' && name && ui.bundles.has(name)) {
    return { kind: 'component', component: `c/${name}`, props: designProperties(item.properties) };
  }
  if (namespace === 'c') {
    return {
      kind: 'unsupported',
      component: item.componentName,
      message: `No LWC bundle named ${name} in the project.`
    };
  }
  if (DETAIL_COMPONENTS.has(item.componentName)) return detail;
  if (HEADER_COMPONENTS.has(item.componentName)) return null;
  if (item.componentName === 'force:relatedListContainer') return { kind: 'relatedLists', only: null };
  if (item.componentName === 'force:relatedListSingleContainer') {
    return { kind: 'relatedLists', only: item.properties.relatedListApiName || null };
  }
  if (item.componentName === 'flexipage:tabset' || item.componentName === 'flexipage:tab') return null;
  return {
    kind: 'unsupported',
    component: item.componentName,
    message: `${item.componentName} is a standard component that localorg does not render.`
  };
}

/** Design attributes arrive as text in the FlexiPage; numbers and booleans become what the component declares. */
function designProperties(properties: Record<string, string>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(properties)) {
    if (v === 'true' || v === 'false') out[k] = v === 'true';
    else if (/^-?\d+(\.\d+)?$/.test(v)) out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}
