/** Outbound email from Apex: SingleEmailMessage and sendEmail validate and answer results; nothing is delivered. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

test('a SingleEmailMessage keeps what its setters set, and sendEmail answers a success per message', () => {
  assert.deepEqual(
    out(`Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage();
      m.setToAddresses(new List<String>{ 'a@example.com' });
      m.setSubject('Hi');
      m.setPlainTextBody('Body');
      Messaging.EmailFileAttachment f = new Messaging.EmailFileAttachment();
      f.setFileName('a.txt');
      f.setBody(Blob.valueOf('x'));
      m.setFileAttachments(new List<Messaging.EmailFileAttachment>{ f });
      List<Messaging.SendEmailResult> rs = Messaging.sendEmail(new Messaging.SingleEmailMessage[]{ m });
      System.debug(m.getToAddresses() + ' ' + m.getSubject() + ' ' + m.plainTextBody + ' ' + m.getFileAttachments()[0].getFileName());
      System.debug(rs.size() + ' ' + rs[0].isSuccess() + ' ' + rs[0].getErrors().size());
      System.debug(Messaging.SingleEmailMessage.class.getName());`),
    ['(a@example.com) Hi Body a.txt', '1 true 0', 'Messaging.SingleEmailMessage']
  );
});

test('a message without a recipient fails: EmailException when all or nothing, else a failed result', () => {
  assert.equal(
    apex(`Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage();
      m.setPlainTextBody('x');
      Messaging.sendEmail(new List<Messaging.Email>{ m });`).fatal,
    'System.EmailException: SendEmail failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Missing target address (target, to, cc, bcc): []'
  );
  assert.deepEqual(
    out(`Messaging.SingleEmailMessage ok = new Messaging.SingleEmailMessage();
      ok.setCcAddresses(new List<String>{ 'b@example.com' });
      Messaging.SingleEmailMessage bad = new Messaging.SingleEmailMessage();
      bad.setToAddresses(new List<String>{ 'not an address' });
      List<Messaging.SendEmailResult> rs = Messaging.sendEmail(new List<Messaging.Email>{ ok, bad }, false);
      Messaging.SendEmailError e = rs[1].getErrors()[0];
      System.debug(rs[0].isSuccess() + ' ' + rs[1].isSuccess() + ' ' + e.getStatusCode() + ' ' + e.getMessage());`),
    ['true false INVALID_EMAIL_ADDRESS Invalid to address : not an address']
  );
});
