/**
 * Field sets of an object folder: `fieldSets/Name.fieldSet-meta.xml`, whose `<displayedFields>` are the set's members
 * in order (`<availableFields>` are only offered to admins and are not members).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../../syntax/sources.js';
import { bool, MetadataError, readMetadataXml, str, type XmlNode } from './metadata-xml.js';
import { labelFromName, type FieldSetDef } from './types.js';

/** The field sets declared in one object folder, in file-name order (none when it has no `fieldSets` folder). */
export function readFieldSets(folder: SourceFile): FieldSetDef[] {
  const dir = path.join(folder.path, 'fieldSets');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.fieldSet-meta.xml'))
    .sort()
    .map((f) => parseFieldSet(path.join(dir, f), path.join(folder.relative, 'fieldSets', f)));
}

function parseFieldSet(file: string, relative: string): FieldSetDef {
  const x = readMetadataXml(file, relative, 'FieldSet');
  const name = str(x, 'fullName') ?? path.basename(file).replace(/\.fieldSet-meta\.xml$/, '');
  const displayed = x.displayedFields;
  const nodes = (Array.isArray(displayed) ? displayed : displayed ? [displayed] : []) as XmlNode[];
  const fields = nodes.map((n) => {
    const field = str(n, 'field');
    if (!field) throw new MetadataError(`${relative}: a <displayedFields> entry has no <field>`);
    return { field, required: bool(n, 'isRequired') ?? false };
  });
  return { name, label: str(x, 'label') ?? labelFromName(name), description: str(x, 'description') ?? '', fields };
}
