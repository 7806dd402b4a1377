/**
 * The user-interface metadata of an SFDX project, as the Lightning shell needs it: LWC bundles (TypeScript sources win
 * over the JavaScript compiled beside them), Lightning apps, custom tabs, Lightning record pages, page layouts and
 * custom labels. Reads files only; nothing here knows about HTTP or the bundle build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { ProjectSources } from '../../syntax/sources.js';

export interface LwcBundle {
  /** Bundle (folder) name, imported as `c/<name>`. */
  name: string;
  /** Absolute path of the module's entry: `<name>.ts` when present, else `<name>.js`. */
  entry: string;
  /** Every file of the bundle outside `__tests__`, absolute. */
  files: string[];
  /** `<targets>` of the bundle's js-meta.xml, e.g. `lightning__Tab`, `lightning__RecordPage`. */
  targets: string[];
}

export interface AppInfo {
  apiName: string;
  label: string;
  /** Tab names in order: custom tab names, or `standard-Lead` for standard objects. */
  tabs: string[];
  /** Object (lower case) → FlexiPage named by the app's `View` action override for it. */
  recordPageOverrides: Record<string, string>;
}

export interface TabInfo {
  apiName: string;
  label: string;
  lwcComponent: string | null;
  /** For object tabs (`<customObject>true</customObject>`), the object's API name. */
  sobject: string | null;
}

export interface UiMetadata {
  bundles: Map<string, LwcBundle>;
  apps: AppInfo[];
  tabs: Map<string, TabInfo>;
  /** FlexiPage API name → file. */
  flexiPages: Map<string, string>;
  /** Layout name (`Event-Booking Sync Event Layout`) → file. */
  layouts: Map<string, string>;
  /** Custom label API name → value. */
  labels: Map<string, string>;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

export function parseXml(file: string): Record<string, unknown> {
  return xml.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

const suffix = (file: string, end: string): string => path.basename(file).slice(0, -end.length);

export function readUiMetadata(sources: Pick<ProjectSources, 'other'>): UiMetadata {
  const meta: UiMetadata = {
    bundles: new Map(),
    apps: [],
    tabs: new Map(),
    flexiPages: new Map(),
    layouts: new Map(),
    labels: new Map()
  };
  const bundleFiles = new Map<string, string[]>();
  for (const { path: file } of sources.other) {
    const parts = file.split(path.sep);
    const lwcAt = parts.lastIndexOf('lwc');
    if (lwcAt >= 0 && lwcAt + 2 < parts.length) {
      const dir = parts.slice(0, lwcAt + 2).join(path.sep);
      bundleFiles.set(dir, [...(bundleFiles.get(dir) ?? []), file]);
      continue;
    }
    if (file.endsWith('.app-meta.xml')) meta.apps.push(readApp(file));
    else if (file.endsWith('.tab-meta.xml')) {
      const tab = readTab(file);
      meta.tabs.set(tab.apiName, tab);
    } else if (file.endsWith('.flexipage-meta.xml')) meta.flexiPages.set(suffix(file, '.flexipage-meta.xml'), file);
    else if (file.endsWith('.layout-meta.xml')) meta.layouts.set(suffix(file, '.layout-meta.xml'), file);
    else if (file.endsWith('.labels-meta.xml')) readLabels(file, meta.labels);
  }
  for (const [dir, files] of bundleFiles) {
    const name = path.basename(dir);
    const ts = path.join(dir, `${name}.ts`);
    const js = path.join(dir, `${name}.js`);
    const entry = files.includes(ts) ? ts : files.includes(js) ? js : null;
    if (!entry) continue;
    // The JavaScript compiled beside a TypeScript source is a build output: the TypeScript is the source of truth.
    const own = files.filter((f) => !(f.endsWith('.js') && files.includes(f.slice(0, -3) + '.ts')));
    const metaFile = files.find((f) => f.endsWith('.js-meta.xml'));
    const targets = metaFile ? readTargets(metaFile) : [];
    meta.bundles.set(name, { name, entry, files: own.sort(), targets });
  }
  meta.apps.sort((a, b) => a.apiName.localeCompare(b.apiName));
  return meta;
}

function readApp(file: string): AppInfo {
  const app = (parseXml(file).CustomApplication ?? {}) as Record<string, unknown>;
  const apiName = suffix(file, '.app-meta.xml');
  const recordPageOverrides: Record<string, string> = {};
  for (const o of asArray(app.actionOverrides as Record<string, unknown>[])) {
    if (text(o.actionName) === 'View' && text(o.type) === 'Flexipage' && text(o.formFactor) !== 'Small') {
      recordPageOverrides[text(o.pageOrSobjectType).toLowerCase()] = text(o.content);
    }
  }
  return {
    apiName,
    label: text(app.label) || apiName,
    tabs: asArray(app.tabs as string[]).map(text),
    recordPageOverrides
  };
}

function readTab(file: string): TabInfo {
  const tab = (parseXml(file).CustomTab ?? {}) as Record<string, unknown>;
  const apiName = suffix(file, '.tab-meta.xml');
  const isObject = text(tab.customObject) === 'true';
  return {
    apiName,
    label: text(tab.label) || apiName,
    lwcComponent: text(tab.lwcComponent) || null,
    sobject: isObject ? apiName : null
  };
}

function readTargets(file: string): string[] {
  const bundle = (parseXml(file).LightningComponentBundle ?? {}) as Record<string, unknown>;
  const targets = (bundle.targets ?? {}) as Record<string, unknown>;
  return asArray(targets.target as string[]).map(text);
}

function readLabels(file: string, into: Map<string, string>): void {
  const labels = (parseXml(file).CustomLabels ?? {}) as Record<string, unknown>;
  for (const label of asArray(labels.labels as Record<string, unknown>[])) {
    into.set(text(label.fullName), text(label.value));
  }
}
