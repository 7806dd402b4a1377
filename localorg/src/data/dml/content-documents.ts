/**
 * Files: inserting a ContentVersion publishes it as the platform does — a new version without `ContentDocumentId`
 * makes its ContentDocument, the document links to its owner and, with `FirstPublishLocationId`, to that record; a
 * version of an existing document becomes its latest. Sources are in localorg/FIDELITY.md under "Data platform".
 */
import { type ApexDatetime, ApexId, type SObject, type Value } from '../../values/values.js';
import type { OrgContext } from '../context.js';
import { insertSystemRow } from '../system-rows.js';
import { copyRow } from '../store.js';

/** File types by extension, as ContentVersion.FileType reports them; anything else is UNKNOWN. */
const FILE_TYPES: Record<string, string> = {
  jpg: 'JPG',
  jpeg: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  pdf: 'PDF',
  txt: 'TEXT',
  csv: 'CSV',
  doc: 'WORD',
  docx: 'WORD_X',
  xls: 'EXCEL',
  xlsx: 'EXCEL_X',
  ppt: 'POWER_POINT',
  pptx: 'POWER_POINT_X',
  m4a: 'M4A',
  mp3: 'MP3',
  mp4: 'MP4',
  zip: 'ZIP',
  html: 'HTML',
  xml: 'XML',
  json: 'JSON'
};

function extensionOf(path: Value): string | null {
  if (typeof path !== 'string') return null;
  const dot = path.lastIndexOf('.');
  return dot >= 0 && dot < path.length - 1 ? path.slice(dot + 1).toLowerCase() : null;
}

function insertRow(org: OrgContext, type: string, values: Record<string, Value>, now: ApexDatetime): ApexId | null {
  return insertSystemRow(org.schema, org.store, type, values, org.user.id, now.epochMs);
}

/** Completes a ContentVersion about to be stored (its document and file type) and writes the rows it implies. */
export function publishContentVersion(org: OrgContext, version: SObject, now: ApexDatetime): void {
  const extension = extensionOf(version.get('PathOnClient'));
  const fileType = extension ? (FILE_TYPES[extension] ?? 'UNKNOWN') : 'UNKNOWN';
  version.set('FileExtension', extension);
  version.set('FileType', fileType);
  version.set('IsLatest', true);
  const owner = version.get('OwnerId') ?? org.user.id;
  const existing = version.get('ContentDocumentId');
  if (existing instanceof ApexId) {
    // Stored rows are never changed in place (a rollback puts the previous object back): write changed copies.
    const older = [...org.store.rows('contentversion')].filter(
      (other) => (other.get('ContentDocumentId') as ApexId | null)?.value === existing.value
    );
    for (const other of older) {
      const copy = copyRow(other);
      copy.set('IsLatest', false);
      org.store.put(copy);
    }
    const stored = org.store.get('contentdocument', existing.value);
    if (stored) {
      const doc = copyRow(stored);
      doc.set('LatestPublishedVersionId', version.id);
      doc.set('Title', version.get('Title'));
      doc.set('FileType', fileType);
      doc.set('FileExtension', extension);
      doc.set('LastModifiedDate', now);
      org.store.put(doc);
    }
    return;
  }
  const documentId = insertRow(
    org,
    'ContentDocument',
    {
      Title: version.get('Title'),
      FileType: fileType,
      FileExtension: extension,
      LatestPublishedVersionId: version.id,
      OwnerId: owner,
      PublishStatus: 'P',
      ContentSize: version.get('ContentSize')
    },
    now
  );
  if (!documentId) return;
  version.set('ContentDocumentId', documentId);
  insertRow(
    org,
    'ContentDocumentLink',
    { ContentDocumentId: documentId, LinkedEntityId: owner, ShareType: 'I', Visibility: 'AllUsers' },
    now
  );
  const location = version.get('FirstPublishLocationId');
  if (location instanceof ApexId && location.value !== (owner as ApexId).value) {
    insertRow(
      org,
      'ContentDocumentLink',
      { ContentDocumentId: documentId, LinkedEntityId: location, ShareType: 'V', Visibility: 'AllUsers' },
      now
    );
  }
}
