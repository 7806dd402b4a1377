/** The Messaging namespace's inbound email classes: an email service handler driven the way its tests drive it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

const HANDLER = `public class Inbox implements Messaging.InboundEmailHandler {
  public Messaging.InboundEmailResult handleInboundEmail(Messaging.InboundEmail email, Messaging.InboundEnvelope env) {
    Messaging.InboundEmailResult result = new Messaging.InboundEmailResult();
    result.success = email.binaryAttachments != null && !email.binaryAttachments.isEmpty();
    result.message = env.fromAddress + ': ' + email.subject + ' / ' + email.binaryAttachments[0].fileName
      + ' ' + email.binaryAttachments[0].body.toString() + ' / ' + email.textAttachments;
    return result;
  }
}`;

test('a handler receives a hand-built email and envelope and answers an InboundEmailResult', () => {
  assert.deepEqual(
    out(
      `Messaging.InboundEmail email = new Messaging.InboundEmail();
       email.subject = 'Hi';
       Messaging.InboundEmail.BinaryAttachment a = new Messaging.InboundEmail.BinaryAttachment();
       a.fileName = 'a.txt';
       a.body = Blob.valueOf('body');
       email.binaryAttachments = new List<Messaging.InboundEmail.BinaryAttachment>{ a };
       Messaging.InboundEnvelope env = new Messaging.InboundEnvelope();
       env.fromAddress = 'x@example.com';
       Messaging.InboundEmailHandler h = new Inbox();
       Messaging.InboundEmailResult r = h.handleInboundEmail(email, env);
       System.debug(r.success + ' ' + r.message);
       System.debug(h instanceof Messaging.InboundEmailHandler);`,
      [HANDLER]
    ),
    ['true x@example.com: Hi / a.txt body / null', 'true']
  );
});

test('text attachments and headers have their documented properties; unknown ones do not exist', () => {
  assert.deepEqual(
    out(`Messaging.InboundEmail.TextAttachment t = new Messaging.InboundEmail.TextAttachment();
      t.body = 'x'; t.charset = 'utf-8'; t.bodyIsTruncated = false; t.mimeTypeSubType = 'text/plain';
      Messaging.InboundEmail.Header h = new Messaging.InboundEmail.Header();
      h.name = 'Date'; h.value = 'today';
      t.headers = new List<Messaging.InboundEmail.Header>{ h };
      System.debug(t.headers[0].name + '=' + t.headers[0].value + ' ' + t.charset);`),
    ['Date=today utf-8']
  );
  assert.match(apex('Messaging.InboundEnvelope e = new Messaging.InboundEnvelope(); e.nope = 1;').fatal ?? '', /nope/);
});

test('what the Messaging prelude lacks is "not supported by localorg", not a compile error the platform would not give', () => {
  const r = apex('Mailer.send();', [
    'public class Mailer { public static void send() { Messaging.renderStoredEmailTemplate(null, null, null); } }'
  ]);
  assert.match(r.fatal ?? '', /Messaging\.renderStoredEmailTemplate\(3 arguments\) is not supported by localorg/);
  assert.deepEqual(r.project.interp.compileErrors(), []);
});
