/**
 * The package's admin app in Chromium, served by localorg: sign-in through frontdoor.jsp, the Lightning frame
 * (SLDS header and app navigation from the CustomApplication), the sync log of a booking made through the REST API,
 * replay of a rejected row, and a record page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { BOOKINGS_PATH, sampleBookingChange } from '../../localorg/src/server/banner.js';
import {
  apiPost,
  apiQuery,
  expectVisible,
  frontdoorUrl,
  launchChromium,
  screenshot,
  signIn,
  startShell,
  withPage,
  type ShellServer
} from './lib/shell.js';

const ADMIN_TAB = '/lightning/n/BookingSyncAdmin';
/** Chromium logs every 4xx document as a console error; these tests ask for one on purpose. */
const EXPECTED_HTTP_ERROR = { allowConsole: [/Failed to load resource: the server responded with a status of 40[14]/] };

describe('the admin app in a browser', () => {
  let server: ShellServer;
  let browser: Browser;

  // Starting the org and (on a first run) compiling the bundle takes minutes on a busy machine: the hook's own limit.
  before(
    async () => {
      server = await startShell();
      browser = await launchChromium();
    },
    { timeout: 20 * 60_000 }
  );

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a bad sid gets an error page, not a session', async (t) => {
    await withPage(
      t,
      browser,
      async (page) => {
        const response = await page.goto(`${server.url}/secur/frontdoor.jsp?sid=wrong&retURL=${ADMIN_TAB}`);
        assert.equal(response?.status(), 401);
        await expectVisible(page.getByText('Invalid session id'));
        const unsigned = await page.goto(server.url + ADMIN_TAB);
        assert.equal(unsigned?.status(), 401, 'no cookie was set');
      },
      EXPECTED_HTTP_ERROR
    );
  });

  test('frontdoor signs in and the admin tab renders inside a Lightning-styled app frame', async (t) => {
    await withPage(t, browser, async (page) => {
      await signIn(page, server, ADMIN_TAB);
      const cookies = await page.context().cookies();
      const sid = cookies.find((c) => c.name === 'sid');
      assert.ok(sid, 'session cookie set');
      assert.equal(sid.httpOnly, true);
      assert.equal(sid.sameSite, 'Strict');
      await expectVisible(page.locator('[data-id="app-name"]', { hasText: 'Booking Sync' }));
      // The navigation lists the app's tabs from BookingSync.app-meta.xml: the custom tab, then Leads and Contacts.
      const nav = page.locator('[data-id="app-nav"] nav li');
      assert.deepEqual((await nav.allInnerTexts()).slice(0, 3), ['Booking Sync', 'Leads', 'Contacts']);
      await expectVisible(page.getByRole('tab', { name: 'Sync log' }));
      await expectVisible(page.getByText('No sync log rows match these filters.'));
      // SLDS is applied: the app bar is a flex row with the design system's border, not an unstyled list.
      const bar = page.locator('[data-id="app-nav"]');
      assert.equal(await bar.evaluate((el) => getComputedStyle(el).display), 'flex');
      assert.notEqual(await bar.evaluate((el) => getComputedStyle(el).borderBottomStyle), 'none');
      await screenshot(page, 'admin-tab');
    });
  });

  test('a booking made through the REST API shows in the sync log, and its Event has a record page', async (t) => {
    const change = sampleBookingChange(new Date());
    const posted = await apiPost(server, BOOKINGS_PATH, change);
    assert.equal(posted.status, 200, JSON.stringify(posted.json));
    const uid = (change.booking as { uid: string }).uid;
    await withPage(t, browser, async (page) => {
      await signIn(page, server, ADMIN_TAB);
      const row = page.locator('[data-id="log"] tr', { hasText: uid });
      await expectVisible(row);
      await expectVisible(row.getByText('created'));
      await screenshot(page, 'sync-log');
      const [event] = await apiQuery(
        server,
        `SELECT Id, Subject, OwnerId, Owner.Name, Who.Name FROM Event WHERE BookingUid__c = '${uid}'`
      );
      assert.ok(event, 'the booking created an Event');
      await page.goto(`${server.url}/lightning/r/Event/${String(event.Id)}/view`);
      await expectVisible(page.locator('[data-id="record-name"]', { hasText: String(event.Subject) }));
      const detail = page.locator('[data-id="record-detail"]');
      await expectVisible(detail.getByText('Subject'));
      await expectVisible(detail.getByText(String(event.Subject)));
      // Lookups show the related record's name as a link, labelled by the relationship, never the raw Id.
      const ownerName = String((event.Owner as { Name: string }).Name);
      const assigned = detail.locator('[data-field="OwnerId"]');
      await expectVisible(assigned.locator('.slds-form-element__label', { hasText: 'Assigned To' }));
      const ownerLink = assigned.locator('a', { hasText: ownerName });
      await expectVisible(ownerLink);
      await expectVisible(
        detail.locator('[data-field="WhoId"] a', { hasText: String((event.Who as { Name: string }).Name) })
      );
      assert.doesNotMatch(await detail.innerText(), /\b(005|00Q|003)[0-9A-Za-z]{12,15}\b/, 'no raw Ids on the page');
      const labels = await detail.locator('.slds-form-element__label').allInnerTexts();
      for (const label of ['Start', 'End', 'All-Day Event', 'Show Time As', 'Related To', 'Name']) {
        assert.ok(labels.includes(label), `label ${label} in ${labels.join(', ')}`);
      }
      // A checkbox field is a disabled checkbox, not the text "false".
      const allDay = detail.locator('[data-field="IsAllDayEvent"] input[type="checkbox"]');
      await expectVisible(allDay);
      assert.equal(await allDay.isChecked(), false);
      assert.equal(await allDay.isDisabled(), true);
      assert.doesNotMatch(await detail.innerText(), /\b(true|false)\b/);
      await screenshot(page, 'event-record');
      await ownerLink.click();
      await page.waitForURL((u) => u.pathname.includes(String(event.OwnerId)));
      await expectVisible(page.locator('[data-id="record-name"]', { hasText: ownerName }));
    });
  });

  test('a rejected row is replayed from the sync log and stays rejected, with the attempt counted', async (t) => {
    const change = sampleBookingChange(new Date(Date.now() + 1000));
    const booking = change.booking as Record<string, unknown>;
    change.id = `${String(change.id)}-bad`;
    booking.uid = `${String(booking.uid)}-bad`;
    booking.start = 'not a time';
    const posted = await apiPost(server, BOOKINGS_PATH, change);
    assert.equal(posted.status, 200, JSON.stringify(posted.json));
    await withPage(t, browser, async (page) => {
      await signIn(page, server, ADMIN_TAB);
      const row = page.locator('[data-id="log"] tr', { hasText: String(booking.uid) });
      await expectVisible(row.getByText('rejected'));
      await row.locator('label').first().click();
      const replay = page.getByRole('button', { name: 'Replay selected (1)' });
      await expectVisible(replay);
      await replay.click();
      await expectVisible(page.getByText('Replay finished'));
      await expectVisible(page.getByText(/0 of 1 went through; 1 was rejected again/));
      await screenshot(page, 'replay-toast');
    });
    const [log] = await apiQuery(
      server,
      `SELECT Attempts__c, Outcome__c FROM BookingSyncLog__c WHERE ChangeId__c = '${String(change.id)}'`
    );
    assert.equal(log.Outcome__c, 'rejected');
    assert.equal(log.Attempts__c, 2);
  });

  test('a contact record page shows the record with its fields, and the nav reaches the object home', async (t) => {
    const [contact] = await apiQuery(server, 'SELECT Id, Name FROM Contact ORDER BY Name LIMIT 1');
    await withPage(t, browser, async (page) => {
      await page.goto(frontdoorUrl(server, `/lightning/r/Contact/${String(contact.Id)}/view`));
      await expectVisible(page.locator('[data-id="record-name"]', { hasText: String(contact.Name) }));
      const detail = page.locator('[data-id="record-detail"]');
      await expectVisible(detail.locator('[data-field="OwnerId"] a'));
      await expectVisible(detail.locator('[data-field="CreatedById"]', { hasText: /, \d+\/\d+\/\d+, / }));
      // Related lists are cards, not a placeholder for force:relatedListContainer.
      await expectVisible(page.locator('[data-list="Cases"]', { hasText: 'Cases (0)' }));
      assert.equal(await page.getByText('does not render').count(), 0);
      await screenshot(page, 'contact-record');
      await page.locator('[data-id="app-nav"] nav a', { hasText: 'Contacts' }).click();
      await expectVisible(page.locator('[data-id="object-home"] a', { hasText: String(contact.Name) }));
    });
  });

  test('an unknown record id shows a clear error page', async (t) => {
    await withPage(
      t,
      browser,
      async (page) => {
        await signIn(page, server, ADMIN_TAB);
        const response = await page.goto(`${server.url}/lightning/r/Contact/003000000000000AAA/view`);
        assert.equal(response?.status(), 404);
        await expectVisible(page.getByText('Record not found'));
      },
      EXPECTED_HTTP_ERROR
    );
  });
});
