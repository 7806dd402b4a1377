/**
 * The detail panel's fields as the page configuration hands them to the browser: each layout field with its label,
 * how Lightning shows its type (a lookup as the related record's name linking to its page, a checkbox as a checkbox,
 * Created By as "name, date"), and the UI API paths that value needs (`Event.Owner.Name`). Sections keep the layout's
 * two columns: the cells are laid out row by row, left column then right, with empty cells where a column ends.
 */
import type { LayoutSection } from '../../lightning/metadata/record-page.js';
import type { FieldInfo, ObjectInfo, ServerDataPlatform } from '../runtime-seams.js';

export type DetailKind = 'text' | 'boolean' | 'reference' | 'url' | 'email' | 'phone' | 'name';

export interface DetailField {
  key: string;
  name: string;
  label: string;
  kind: DetailKind;
  /** Qualified UI API paths to read (`Contact.OwnerId`, `Contact.Owner.Name`). */
  paths: string[];
  /** For a lookup: the relationship whose display value names the related record. */
  relationship?: string;
  /** For Created By / Last Modified By: the date shown after the name. */
  auditDate?: string;
}

export interface DetailSection {
  label: string;
  /** Row-major cells; null is an empty cell. */
  cells: (DetailField | null)[];
}

/** Audit lookups Lightning shows as "name, date" in System Information [mem]. */
const AUDIT_DATES: Record<string, string> = { createdbyid: 'CreatedDate', lastmodifiedbyid: 'LastModifiedDate' };

const KINDS: Record<string, DetailKind> = {
  boolean: 'boolean',
  reference: 'reference',
  url: 'url',
  email: 'email',
  phone: 'phone'
};

export function detailSections(
  platform: ServerDataPlatform,
  info: ObjectInfo,
  sections: LayoutSection[]
): DetailSection[] {
  const byName = new Map(info.fields.map((f) => [f.name.toLowerCase(), f]));
  const out: DetailSection[] = [];
  for (const section of sections) {
    const columns = section.columns
      .map((column) =>
        column.map((name) => byName.get(name.toLowerCase())).filter((f): f is FieldInfo => f !== undefined)
      )
      .filter((c) => c.length > 0);
    if (columns.length === 0) continue;
    const depth = Math.max(...columns.map((c) => c.length));
    const cells: (DetailField | null)[] = [];
    for (let row = 0; row < depth; row++) {
      for (const column of columns) {
        const field = column[row];
        cells.push(field ? detailField(platform, info, field) : null);
      }
    }
    out.push({ label: section.label, cells });
  }
  return out;
}

function detailField(platform: ServerDataPlatform, info: ObjectInfo, field: FieldInfo): DetailField {
  const q = (path: string): string => `${info.name}.${path}`;
  const base = { key: field.name, name: field.name, label: field.label ?? field.name };
  // The compound Name of a person (Contact, Lead, User) shows with its salutation, labelled Name [mem].
  if (field.name === 'Name' && info.fields.some((f) => f.name === 'FirstName')) {
    const paths = [q('Name'), ...(info.fields.some((f) => f.name === 'Salutation') ? [q('Salutation')] : [])];
    return { ...base, label: 'Name', kind: 'name', paths };
  }
  const relationship = field.def?.relationshipName ?? null;
  if (field.type === 'reference' && relationship) {
    const paths = [q(field.name)];
    if (namesItsTargets(platform, field)) paths.push(q(`${relationship}.Name`));
    const auditDate = AUDIT_DATES[field.name.toLowerCase()];
    if (auditDate && info.fields.some((f) => f.name === auditDate)) paths.push(q(auditDate));
    return { ...base, kind: 'reference', paths, relationship, ...(auditDate ? { auditDate } : {}) };
  }
  return { ...base, kind: KINDS[field.type] ?? 'text', paths: [q(field.name)] };
}

/** Whether `Relationship.Name` can be queried: a polymorphic lookup goes through the Name object; else the target's. */
function namesItsTargets(platform: ServerDataPlatform, field: FieldInfo): boolean {
  const targets = field.def?.referenceTo ?? [];
  if (targets.length !== 1) return targets.length > 1;
  return platform.describeObject(targets[0])?.fields.some((f) => f.name === 'Name') ?? false;
}
