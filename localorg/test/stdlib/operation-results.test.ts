/** Results of merge, lead conversion, recycle-bin emptying and approvals, built with JSON as test code builds them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { out } from '../runtime/helpers.js';

test('JSON builds a LeadConvertResult, MergeResult and EmptyRecycleBinResult; getters read their properties', () => {
  const lines = out(`
    Database.LeadConvertResult l = (Database.LeadConvertResult) JSON.deserialize(
      '{"success": true, "leadid": "00Q000000000000001"}', Database.LeadConvertResult.class);
    System.debug(l.isSuccess() + ' ' + l.getLeadId() + ' ' + l.getAccountId() + ' ' + l.getErrors().size());
    Database.MergeResult m = (Database.MergeResult) JSON.deserialize(
      '{"success":false,"errors":[{"message": "Could not merge", "statusCode": "MERGE_FAILED"}]}', Database.MergeResult.class);
    System.debug(m.isSuccess() + ' ' + m.getId() + ' ' + m.getErrors()[0].getStatusCode() + ' ' + m.getErrors()[0].getMessage());
    Database.EmptyRecycleBinResult e = (Database.EmptyRecycleBinResult) JSON.deserialize(
      '{"id": "001000000000001AAA"}', Database.EmptyRecycleBinResult.class);
    System.debug(e.isSuccess() + ' ' + e.getId() + ' ' + JSON.serialize(e));
  `);
  assert.deepEqual(lines, [
    'true 00Q000000000000EAA null 0',
    'false null MERGE_FAILED Could not merge',
    'false 001000000000001AAA {"id":"001000000000001AAA","success":false,"errors":[]}'
  ]);
});

test('JSON builds Approval results; a list of them round-trips', () => {
  const lines = out(`
    Approval.ProcessResult p = (Approval.ProcessResult) JSON.deserialize(
      '{"success": true, "entityId": "001000000000001AAA", "instanceStatus": "Pending"}', Approval.ProcessResult.class);
    System.debug(p.isSuccess() + ' ' + p.getEntityId() + ' ' + p.getInstanceStatus());
    List<Approval.LockResult> locks = (List<Approval.LockResult>) JSON.deserialize(
      '[{"success": true, "id": "001000000000001AAA"}]', List<Approval.LockResult>.class);
    System.debug(locks[0].getId() + ' ' + locks[0].isSuccess());
    Approval.UnlockResult u = (Approval.UnlockResult) JSON.deserialize('{"success": true}', Approval.UnlockResult.class);
    System.debug(u.isSuccess());
  `);
  assert.deepEqual(lines, ['true 001000000000001AAA Pending', '001000000000001AAA true', 'true']);
});
