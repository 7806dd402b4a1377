/**
 * Setup records built from the project's sources, as a deployed org holds them: one `ApexClass` per `.cls` and one
 * `ApexTrigger` per `.trigger` (Name, Body, ApiVersion from the `-meta.xml`, Status Active), one `ApexPage` per
 * `pages/*.page` (Name, Markup, ApiVersion, MasterLabel), and one `StaticResource`
 * per `staticresources/*.resource-meta.xml` (Name, ContentType, Body from `<name>.resource` or `<name>.<ext>`), one `PlatformCachePartition` (with its
 * `PlatformCachePartitionType` rows) per `cachePartitions/*.cachePartition-meta.xml`. Setup objects are visible in
 * tests [mem].
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApexBlob, Decimal, type ApexId, type Value } from '../values/values.js';
import type { SourceFile } from '../syntax/sources.js';
import type { Schema } from './schema/schema.js';
import type { Store } from './store.js';
import type { CachePartitionDef } from './platform-cache.js';
import { insertSystemRow } from './system-rows.js';

export interface SetupSources {
  apexClasses?: SourceFile[];
  triggers?: SourceFile[];
  other?: SourceFile[];
  cachePartitions?: CachePartitionDef[];
}

export function loadSetupRecords(schema: Schema, store: Store, sources: SetupSources, userId: ApexId, now: number) {
  const put = (type: string, values: Record<string, Value>) =>
    insertSystemRow(schema, store, type, values, userId, now);
  for (const file of sources.apexClasses ?? []) {
    const body = fs.readFileSync(file.path, 'utf8');
    put('ApexClass', { ...codeFields(file, body, '.cls'), IsValid: true });
  }
  for (const file of sources.triggers ?? []) {
    const body = fs.readFileSync(file.path, 'utf8');
    const on = /\btrigger\s+\w+\s+on\s+(\w+)/i.exec(body);
    put('ApexTrigger', { ...codeFields(file, body, '.trigger'), TableEnumOrId: on ? on[1] : null, IsValid: true });
  }
  for (const file of sources.other ?? []) {
    if (file.path.endsWith('.page') && path.basename(path.dirname(file.path)) === 'pages') {
      const markup = fs.readFileSync(file.path, 'utf8');
      const fields = codeFields(file, markup, '.page');
      const meta = fs.existsSync(`${file.path}-meta.xml`) ? fs.readFileSync(`${file.path}-meta.xml`, 'utf8') : '';
      const label = /<label>([^<]*)<\/label>/.exec(meta)?.[1] ?? fields.Name;
      put('ApexPage', {
        Name: fields.Name,
        Markup: markup,
        ApiVersion: fields.ApiVersion,
        MasterLabel: label,
        NamespacePrefix: null
      });
      continue;
    }
    if (!file.path.endsWith('.resource-meta.xml') || path.basename(path.dirname(file.path)) !== 'staticresources')
      continue;
    const name = path.basename(file.path, '.resource-meta.xml');
    const meta = fs.readFileSync(file.path, 'utf8');
    const contentType = /<contentType>([^<]*)<\/contentType>/.exec(meta)?.[1] ?? null;
    const content = contentFile(path.dirname(file.path), name);
    const bytes = content ? fs.readFileSync(content) : null;
    put('StaticResource', {
      Name: name,
      ContentType: contentType,
      Body: bytes ? new ApexBlob(new Uint8Array(bytes)) : null,
      BodyLength: bytes ? bytes.length : 0,
      CacheControl: /<cacheControl>([^<]*)</.exec(meta)?.[1] ?? 'Private',
      NamespacePrefix: null
    });
  }
  for (const p of sources.cachePartitions ?? []) {
    const partitionId = put('PlatformCachePartition', {
      DeveloperName: p.name,
      MasterLabel: p.label,
      IsDefaultPartition: p.isDefault,
      NamespacePrefix: null,
      Language: 'en_US'
    });
    for (const t of p.types) {
      put('PlatformCachePartitionType', {
        PlatformCachePartitionId: partitionId,
        CacheType: t.cacheType,
        AllocatedCapacity: t.allocated,
        AllocatedPartnerCapacity: t.partner,
        AllocatedPurchasedCapacity: t.purchased,
        AllocatedTrialCapacity: t.trial
      });
    }
  }
}

/**
 * A static resource's content in source format: `<name>.resource`, or `<name>.<ext>` with the extension its content
 * type suggests (`sample_data.json`, `logo.png`); a folder (an archive resource, unzipped) has no single body here.
 */
function contentFile(folder: string, name: string): string | null {
  const own = path.join(folder, `${name}.resource`);
  if (fs.existsSync(own) && fs.statSync(own).isFile()) return own;
  for (const f of fs.readdirSync(folder).sort()) {
    if (f.endsWith('-meta.xml') || f.slice(0, f.lastIndexOf('.')) !== name) continue;
    const candidate = path.join(folder, f);
    if (fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function codeFields(file: SourceFile, body: string, ext: string): Record<string, Value> {
  const metaFile = `${file.path}-meta.xml`;
  const meta = fs.existsSync(metaFile) ? fs.readFileSync(metaFile, 'utf8') : '';
  const version = /<apiVersion>([^<]*)<\/apiVersion>/.exec(meta)?.[1];
  return {
    Name: path.basename(file.path, ext),
    Body: body,
    ApiVersion: version ? Decimal.parse(version) : null,
    Status: 'Active',
    NamespacePrefix: null,
    LengthWithoutComments: body.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').length
  };
}
