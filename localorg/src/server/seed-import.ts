/**
 * `--seed FILE`: imports an SFDX data tree plan, the format `sf data import tree --plan` reads: a JSON array of steps
 * `{sobject, saveRefs, resolveRefs, files}`, each file `{"records":[{"attributes":{"type","referenceId"}, …fields}]}`,
 * where a value `@RefId` names a record saved by an earlier step. Records go through the org's DML (validation and
 * triggers) in one transaction, so a bad seed leaves nothing behind.
 *
 * One convenience beyond the CLI: a User without ProfileId gets the Standard User profile, because a data tree
 * cannot name a profile that exists before the import.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type ApexId, SObject } from '../values/values.js';
import { HttpError } from './errors.js';
import type { ServerDataPlatform } from './runtime-seams.js';
import { jsonToValue } from './sobject-json.js';

export class SeedError extends Error {}

interface SeedRecord {
  type: string;
  referenceId: string | null;
  fields: Record<string, unknown>;
  where: string;
}

interface SeedStep {
  sobject: string;
  records: SeedRecord[];
}

export interface SeedPlan {
  file: string;
  steps: SeedStep[];
  /** sha256 over the plan and its files, so a journal knows whether this exact seed was already applied. */
  hash: string;
}

function readJson(file: string, where: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new SeedError(`${where}: cannot read ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SeedError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

export function loadSeedPlan(planFile: string): SeedPlan {
  const file = path.resolve(planFile);
  const digest = createHash('sha256');
  const plan = readJson(file, 'seed plan');
  digest.update(JSON.stringify(plan));
  if (!Array.isArray(plan)) throw new SeedError(`${file}: a plan is a JSON array of {sobject, files} steps`);
  const steps: SeedStep[] = plan.map((raw: unknown, i: number) => {
    const step = raw as { sobject?: unknown; files?: unknown };
    if (
      typeof step?.sobject !== 'string' ||
      !Array.isArray(step.files) ||
      !step.files.every((f) => typeof f === 'string')
    ) {
      throw new SeedError(`${file}: step ${i + 1} needs "sobject" (a string) and "files" (a list of file names)`);
    }
    const records: SeedRecord[] = [];
    for (const name of step.files) {
      const dataFile = path.resolve(path.dirname(file), name);
      const data = readJson(dataFile, `${file}: step ${i + 1}`) as { records?: unknown };
      digest.update(JSON.stringify(data));
      if (!Array.isArray(data?.records)) throw new SeedError(`${dataFile}: expected {"records": [...]}`);
      data.records.forEach((r: unknown, j: number) => {
        const rec = r as { attributes?: { type?: unknown; referenceId?: unknown } } & Record<string, unknown>;
        const where = `${dataFile}: record ${j + 1}`;
        const type = rec?.attributes?.type;
        if (typeof type !== 'string') throw new SeedError(`${where}: "attributes.type" is missing`);
        if (type.toLowerCase() !== (step.sobject as string).toLowerCase()) {
          throw new SeedError(`${where}: type ${type} in a step for ${step.sobject as string}`);
        }
        const { attributes, ...fields } = rec;
        const ref = attributes?.referenceId;
        records.push({ type, referenceId: typeof ref === 'string' ? ref : null, fields, where });
      });
    }
    return { sobject: step.sobject, records };
  });
  return { file, steps, hash: digest.digest('hex') };
}

/** Inserts the plan's records in order; call inside a transaction. Returns counts per object. */
export function importSeedPlan(platform: ServerDataPlatform, plan: SeedPlan): Record<string, number> {
  const refs = new Map<string, string>();
  const counts: Record<string, number> = {};
  for (const step of plan.steps) {
    const info = platform.describeObject(step.sobject);
    if (!info) throw new SeedError(`${plan.file}: unknown object ${step.sobject}`);
    const fieldsByName = new Map(info.fields.map((f) => [f.name.toLowerCase(), f]));
    const records = step.records.map((r) => {
      const record = new SObject(info.name);
      for (const [name, raw] of Object.entries(r.fields)) {
        const field = fieldsByName.get(name.toLowerCase());
        if (!field) throw new SeedError(`${r.where}: no field ${name} on ${info.name}`);
        let value = raw;
        if (typeof raw === 'string' && raw.startsWith('@')) {
          const target = refs.get(raw.slice(1).toLowerCase());
          if (!target) throw new SeedError(`${r.where}: ${name} refers to ${raw}, which no earlier step saved`);
          value = target;
        }
        try {
          record.set(field.name, jsonToValue(value, field.type, `${info.name}.${field.name}`));
        } catch (e) {
          throw new SeedError(`${r.where}: ${e instanceof HttpError ? e.errors[0].message : (e as Error).message}`);
        }
      }
      if (info.name === 'User' && !record.has('ProfileId')) record.set('ProfileId', standardUserProfile(platform));
      return record;
    });
    const results = platform.dml('insert', records, { allOrNone: false });
    results.forEach((res, i) => {
      const r = step.records[i];
      if (!res.success || !res.id) {
        const why = res.errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ');
        throw new SeedError(`${r.where}${r.referenceId ? ` (${r.referenceId})` : ''}: insert failed: ${why}`);
      }
      if (r.referenceId) refs.set(r.referenceId.toLowerCase(), res.id.value);
    });
    counts[info.name] = (counts[info.name] ?? 0) + records.length;
  }
  return counts;
}

function standardUserProfile(platform: ServerDataPlatform): ApexId {
  const rows = platform.queryText("SELECT Id FROM Profile WHERE Name = 'Standard User'");
  const id = Array.isArray(rows) ? rows[0]?.id : null;
  if (!id) throw new SeedError('the org has no "Standard User" profile to give seeded Users');
  return id;
}
