/**
 * The admin app's settings tabs in Chromium, served by localorg: a mapping whose value does not fit its field shows
 * the type error next to the value; a valid one is saved (deployed through Metadata.Operations, progress shown without a
 * reload) and the next booking made through the REST API carries the mapped value; a webhook signing secret set in the
 * Webhooks tab is the one the webhook endpoint verifies, and is never shown again.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BOOKINGS_PATH, sampleBookingChange } from '../../localorg/src/server/banner.js';
import {
  apiPost,
  apiQuery,
  expectVisible,
  launchChromium,
  screenshot,
  signIn,
  startShell,
  withPage,
  type ShellServer
} from './lib/shell.js';

const ADMIN_TAB = '/lightning/n/BookingSyncAdmin';

async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

describe('the admin app settings in a browser', () => {
  let server: ShellServer;
  let browser: Browser;

  before(async () => {
    server = await startShell();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an incompatible mapping shows its type error; a valid one is saved and the next booking carries it', async (t) => {
    await withPage(t, browser, async (page) => {
      await signIn(page, server, ADMIN_TAB);
      await page.getByRole('tab', { name: 'Mappings' }).click();
      await page.getByRole('button', { name: 'New mapping' }).click();
      await pick(page, 'Field', 'Attendee No-show (AttendeeNoShow__c)');
      await page.getByLabel('Value', { exact: true }).fill('maybe');
      await page.getByRole('button', { name: 'Save' }).click();
      const valueError = page.locator('[data-error="value"]');
      await expectVisible(valueError);
      assert.match(await valueError.innerText(), /"maybe" is not true or false, but .* is a checkbox/);
      await screenshot(page, 'mapping-type-error');

      await pick(page, 'Field', 'Location (Location)');
      await page.getByLabel('Value', { exact: true }).fill('Room {answers.topic}');
      await page.getByLabel('Only if empty').uncheck();
      await page.getByRole('button', { name: 'Save' }).click();
      await expectVisible(page.getByText('Saved: Create field mapping Event.Location of Default.'));
      await expectVisible(page.locator('[data-id="mappings"] tr', { hasText: 'Room {answers.topic}' }));
      await screenshot(page, 'mapping-saved');
    });

    const change = sampleBookingChange(new Date());
    (change.booking as Record<string, unknown>).answers = { topic: 'pricing' };
    const posted = await apiPost(server, BOOKINGS_PATH, change);
    assert.equal(posted.status, 200, JSON.stringify(posted.json));
    const [event] = await apiQuery(
      server,
      `SELECT Location FROM Event WHERE BookingUid__c = '${(change.booking as { uid: string }).uid}'`
    );
    assert.equal(event.Location, 'Room pricing');
  });

  test('Try it shows the value each field would get, writing nothing', async (t) => {
    await withPage(t, browser, async (page) => {
      await signIn(page, server, ADMIN_TAB);
      await page.getByRole('tab', { name: 'Mappings' }).click();
      await page.getByRole('button', { name: 'Try it' }).click();
      const results = page.locator('[data-id="try-results"]');
      await expectVisible(results.getByText('Event.Location'));
      await expectVisible(results.getByText('Room pricing'));
      await screenshot(page, 'mapping-try-it');
    });
  });

  test('a webhook secret set in the Webhooks tab is the one the endpoint verifies, and is never shown again', async (t) => {
    await withPage(t, browser, async (page) => {
      await signIn(page, server, ADMIN_TAB);
      await page.getByRole('tab', { name: 'Webhooks' }).click();
      const calcom = page.locator('[data-id="webhook"][data-provider="calcom"]');
      await expectVisible(calcom.getByText('Not set'));
      await calcom.getByLabel('Signing secret').fill('whsec-browser');
      await calcom.getByRole('button', { name: 'Save' }).click();
      await expectVisible(calcom.getByText('Secret set'));
      assert.equal(await calcom.getByLabel('Signing secret').inputValue(), '');
      assert.ok(!(await page.content()).includes('whsec-browser'), 'the secret is not in the page');
      await screenshot(page, 'webhook-secret');
    });

    const body = JSON.stringify({ triggerEvent: 'PING', createdAt: new Date().toISOString(), payload: {} });
    const post = (secret: string) =>
      fetch(`${server.url}/services/apexrest/booking-sync/v1/webhooks/calcom`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${server.token}`,
          'Content-Type': 'application/json',
          'X-Cal-Signature-256': crypto.createHmac('sha256', secret).update(body).digest('hex')
        },
        body
      });
    assert.equal((await post('wrong')).status, 401);
    assert.equal((await post('whsec-browser')).status, 200);
  });
});
