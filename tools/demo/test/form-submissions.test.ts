import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORM_SUBMISSIONS, formSteps, playFormSubmissions, type DemoClient } from '../form-submissions.js';

const now = new Date('2026-05-01T10:00:00Z');

function fakeClient(outcomeOf: (submission: Record<string, unknown>) => string): {
  client: DemoClient;
  posted: unknown[];
} {
  const posted: unknown[] = [];
  const client: DemoClient = {
    post: (path, body) => {
      assert.equal(path, FORM_SUBMISSIONS);
      posted.push(body);
      const submission = body as Record<string, unknown>;
      const outcome = outcomeOf(submission);
      const created = outcome === 'created';
      return Promise.resolve({
        status: 200,
        json: {
          results: [
            {
              id: submission.id,
              outcome,
              recordId: created ? '00Q000000000001AAA' : null,
              recordType: created ? 'Lead' : null,
              eventId: submission.meeting && created ? '00U000000000001AAA' : null,
              ownerSource: 'ownerEmail',
              errors: []
            }
          ]
        }
      });
    },
    query: (soql) =>
      Promise.resolve(
        soql.startsWith('SELECT Id, Name, Company')
          ? [{ Id: '00Q000000000001AAA', Name: 'Inês Duarte', Company: 'Fabrikam', Email: 'i@f.com', OwnerId: '005A' }]
          : soql.includes('FROM User')
            ? [{ Id: '005A', Name: 'Maya Chen' }]
            : [
                {
                  Id: '00U000000000001AAA',
                  Subject: 'Demo',
                  StartDateTime: '',
                  EventStatus__c: 'Scheduled',
                  WhoId: '00Q000000000001AAA'
                }
              ]
      )
  };
  return { client, posted };
}

test('the demo shows each rule once: created Lead, booking form with Event, skipped, rejected, duplicate', () => {
  const steps = formSteps('RUN', now);
  assert.deepEqual(
    steps.map((s) => s.expect),
    ['created', 'created', 'skipped', 'rejected', 'duplicate']
  );
  assert.equal(steps[4].submission, steps[0].submission, 'the replay resends the same submission');
  assert.ok(steps[1].submission.meeting, 'the booking form carries a meeting');
  assert.equal(steps[3].submission.company, undefined, 'the rejected Lead lacks a company');
  assert.ok(
    steps.every((s) => String(s.submission.id).includes('RUN')),
    'ids are unique per run'
  );
});

test('a step whose outcome is the one shown passes, and the Leads and Event are printed', async () => {
  const expected = new Map(formSteps('RUN', now).map((s, i) => [i, s.expect]));
  let call = 0;
  const { client, posted } = fakeClient(() => expected.get(call++)!);
  const lines: string[] = [];

  const failures = await playFormSubmissions(client, (l) => lines.push(l), 'RUN', now);

  assert.equal(failures, 0);
  assert.equal(posted.length, 5);
  const text = lines.join('\n');
  assert.match(text, /✓ 5\. The chat submission resent/);
  assert.match(text, /Inês Duarte\s+Fabrikam\s+i@f\.com\s+Maya Chen/);
  assert.match(text, /Demo\s+Scheduled\s+Inês Duarte/);
});

test('an unexpected outcome counts as a failure of the demo', async () => {
  const { client } = fakeClient(() => 'created');
  const lines: string[] = [];

  const failures = await playFormSubmissions(client, (l) => lines.push(l), 'RUN', now);

  assert.equal(failures, 3, 'skipped, rejected and duplicate were expected');
  assert.match(lines.join('\n'), /✗ 3\. A disqualified visitor/);
});
