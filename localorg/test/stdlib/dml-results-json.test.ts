/** Database.SaveResult and its siblings as plain objects: the `success`/`id`/`errors` properties and their JSON. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from '../runtime/helpers.js';

test('results expose success, id and errors as properties, and Database.Error its statusCode, message, fields', () => {
  const lines = out(`
    Account ok = new Account(Name = 'A');
    List<Database.SaveResult> rs = Database.insert(new List<Account>{ ok, new Account() }, false);
    System.debug(rs[0].success + ' ' + (rs[0].id == ok.Id) + ' ' + rs[0].errors.size());
    Database.Error e = rs[1].errors[0];
    System.debug(rs[1].success + ' ' + rs[1].id + ' ' + e.statusCode + ' ' + e.fields);
    Database.UpsertResult u = Database.upsert(new Account(Name = 'B'));
    System.debug(u.created + ' ' + u.success);
    Database.DeleteResult d = Database.delete(ok);
    System.debug(d.success + ' ' + (d.id == ok.Id));
  `);
  assert.deepEqual(lines, ['true true 0', 'false null REQUIRED_FIELD_MISSING (Name)', 'true true', 'true true']);
});

test('JSON.deserialize builds results and errors from the JSON the platform writes', () => {
  const lines = out(`
    Database.SaveResult ok = (Database.SaveResult) JSON.deserialize(
      '{"success":true,"id":"001000000000001AAA"}', Database.SaveResult.class);
    System.debug(ok.isSuccess() + ' ' + ok.getId() + ' ' + ok.getErrors().size());
    Database.SaveResult bad = (Database.SaveResult) JSON.deserialize(
      '{"success":false,"errors":[{"statusCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","message":"no","fields":["Name"]}]}',
      Database.SaveResult.class);
    Database.Error e = bad.getErrors()[0];
    System.debug(bad.success + ' ' + e.getStatusCode() + ' ' + e.getMessage() + ' ' + e.getFields());
    Database.UpsertResult u = (Database.UpsertResult) JSON.deserialize('{"success":true,"created":true}', Database.UpsertResult.class);
    System.debug(u.isCreated());
    List<Database.DeleteResult> ds = (List<Database.DeleteResult>) JSON.deserialize('[{"success":true}]', List<Database.DeleteResult>.class);
    System.debug(ds[0].isSuccess());
  `);
  assert.deepEqual(lines, [
    'true 001000000000001AAA 0',
    'false FIELD_CUSTOM_VALIDATION_EXCEPTION no (Name)',
    'true',
    'true'
  ]);
});

test('JSON.serialize writes results as id, success, errors; a round trip keeps them', () => {
  const lines = out(`
    List<Database.SaveResult> rs = Database.insert(new List<Account>{ new Account() }, false);
    String text = JSON.serialize(rs[0]);
    System.debug(text);
    Database.SaveResult back = (Database.SaveResult) JSON.deserialize(text, Database.SaveResult.class);
    System.debug(back.getErrors()[0].getStatusCode());
  `);
  assert.match(
    lines[0],
    /^\{"id":null,"success":false,"errors":\[\{"statusCode":"REQUIRED_FIELD_MISSING","message":"[^"]+","fields":\["Name"\]\}\]\}$/
  );
  assert.equal(lines[1], 'REQUIRED_FIELD_MISSING');
});

test('bad JSON for a result fails as a JSONException naming the problem', () => {
  assert.match(
    apex(`JSON.deserialize('{"success":true,"id":"nope"}', Database.SaveResult.class);`).fatal ?? '',
    /^System\.JSONException: Invalid id: nope/
  );
  assert.match(
    apex(`JSON.deserializeStrict('{"success":true,"extra":1}', Database.SaveResult.class);`).fatal ?? '',
    /^System\.JSONException: No such column 'extra' on object of type Database\.SaveResult/
  );
  assert.match(
    apex(`JSON.deserialize('[1]', Database.SaveResult.class);`).fatal ?? '',
    /^System\.JSONException: Expected/
  );
});
