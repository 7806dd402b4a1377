/**
 * Files: inserting a ContentVersion publishes it — its ContentDocument, its file type, and the document's links to
 * the owner and to the record it was first published to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ApexId, type SObject } from '../../src/values/values.js';
import { insert, newOrg, rec, rows } from './helpers.js';

function upload(path: string, fields: Record<string, ApexId | string> = {}) {
  const org = newOrg();
  const [account] = insert(org, rec('Account', { Name: 'Files' }));
  const [version] = insert(
    org,
    rec('ContentVersion', { Title: 'file', PathOnClient: path, FirstPublishLocationId: account.id, ...fields })
  );
  return { org, account, version };
}

test('a new ContentVersion makes its ContentDocument, whose latest published version it is', () => {
  const { org, version } = upload('song.m4a');
  const [saved] = rows(org, 'SELECT ContentDocumentId, FileType, FileExtension, IsLatest FROM ContentVersion');
  assert.equal(saved.get('FileType'), 'M4A');
  assert.equal(saved.get('FileExtension'), 'm4a');
  assert.equal(saved.get('IsLatest'), true);
  const [doc] = rows(org, 'SELECT Title, FileType, LatestPublishedVersionId FROM ContentDocument');
  assert.equal(doc.id?.value, (saved.get('ContentDocumentId') as ApexId).value);
  assert.equal((doc.get('LatestPublishedVersionId') as ApexId).value, version.id?.value);
  assert.equal(doc.get('Title'), 'file');
});

test('the document is linked to its owner and to the record it was first published to', () => {
  const { org, account } = upload('photo.PNG');
  const links = rows(org, 'SELECT LinkedEntityId, ShareType, ContentDocument.FileType FROM ContentDocumentLink');
  const byTarget = new Map(links.map((l) => [(l.get('LinkedEntityId') as ApexId).keyPrefix, l]));
  assert.equal(links.length, 2);
  assert.equal(byTarget.get('005')?.get('ShareType'), 'I');
  assert.equal(byTarget.get('001')?.get('ShareType'), 'V');
  assert.equal((byTarget.get('001')?.get('LinkedEntityId') as ApexId).value, account.id?.value);
  assert.equal((byTarget.get('001')?.get('ContentDocument') as SObject).get('FileType'), 'PNG');
});

test('a version of an existing document becomes its latest; an unknown extension is UNKNOWN', () => {
  const { org } = upload('notes.txt');
  const docId = rows(org, 'SELECT Id FROM ContentDocument')[0].id!;
  const [second] = insert(
    org,
    rec('ContentVersion', { Title: 'v2', PathOnClient: 'notes.weird', ContentDocumentId: docId })
  );
  const versions = rows(org, 'SELECT Id, IsLatest, FileType FROM ContentVersion ORDER BY CreatedDate, Id');
  assert.deepEqual(
    versions.map((v) => [v.get('IsLatest'), v.get('FileType')]),
    [
      [false, 'TEXT'],
      [true, 'UNKNOWN']
    ]
  );
  const [doc] = rows(org, 'SELECT LatestPublishedVersionId, Title FROM ContentDocument');
  assert.equal((doc.get('LatestPublishedVersionId') as ApexId).value, second.id?.value);
  assert.equal(rows(org, 'SELECT Id FROM ContentDocument').length, 1);
});

test('a rolled-back new version leaves the document and its older version as they were', () => {
  const { org, version } = upload('notes.txt');
  const docId = rows(org, 'SELECT Id FROM ContentDocument')[0].id!;
  const sp = org.setSavepoint();
  insert(org, rec('ContentVersion', { Title: 'v2', PathOnClient: 'notes.csv', ContentDocumentId: docId }));
  org.rollbackTo(sp);
  const [first] = rows(org, 'SELECT IsLatest FROM ContentVersion');
  assert.equal(first.get('IsLatest'), true);
  const [doc] = rows(org, 'SELECT LatestPublishedVersionId, Title, FileType FROM ContentDocument');
  assert.equal((doc.get('LatestPublishedVersionId') as ApexId).value, version.id?.value);
  assert.deepEqual([doc.get('Title'), doc.get('FileType')], ['file', 'TEXT']);
});
