/**
 * What a sales rep sees, in Chromium on localorg's Lightning shell: bookings made through the REST API for a Contact
 * (one upcoming, one canceled with a reason, one no-show) on the Contact's record page with their statuses and the
 * reason; marking one Completed from the timeline changes the Event; a guest's page lists the bookings too; the
 * Event page lists the attendees; an Account's page lists the bookings of its Contacts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BOOKINGS_PATH } from '../../localorg/src/server/banner.js';
import {
  apiPost,
  apiQuery,
  expectVisible,
  frontdoorUrl,
  launchChromium,
  screenshot,
  startShell,
  withPage,
  type ShellServer
} from './lib/shell.js';

const ADA = 'ada.timeline@analytical.example';
const GRACE = 'grace.timeline@navy.example';
const DAY = 24 * 60 * 60 * 1000;
const RUN = `tl-${process.pid}`;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function scheduled(key: string, startMs: number, occurredMs: number): Record<string, unknown> {
  return {
    id: `${RUN}-${key}-scheduled`,
    type: 'scheduled',
    occurredAt: iso(occurredMs),
    source: 'calcom',
    booking: {
      uid: `${RUN}-${key}`,
      title: `Timeline ${key}`,
      start: iso(startMs),
      end: iso(startMs + 30 * 60 * 1000),
      page: { key: 'timeline-intro', name: 'Intro call' },
      attendees: [
        { email: ADA, firstName: 'Ada', lastName: 'Timeline', role: 'primary' },
        { email: GRACE, firstName: 'Grace', lastName: 'Guest', role: 'guest' }
      ]
    }
  };
}

async function createContact(
  server: ShellServer,
  firstName: string,
  lastName: string,
  email: string,
  accountId?: string
): Promise<string> {
  const created = await apiPost(server, '/services/data/v68.0/sobjects/Contact', {
    FirstName: firstName,
    LastName: lastName,
    Email: email,
    ...(accountId ? { AccountId: accountId } : {})
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  return (created.json as { id: string }).id;
}

function statuses(page: Page): Promise<string[]> {
  return page.locator('c-booking-timeline-item [data-id="status"]').allInnerTexts();
}

describe('the booking timeline in a browser', () => {
  let server: ShellServer;
  let browser: Browser;
  let adaId: string;
  let graceId: string;

  before(async () => {
    server = await startShell();
    browser = await launchChromium();
    adaId = await createContact(server, 'Ada', 'Timeline', ADA);
    graceId = await createContact(server, 'Grace', 'Guest', GRACE);
    const now = Date.now();
    const cancel = {
      id: `${RUN}-canceled-cancel`,
      type: 'canceled',
      occurredAt: iso(now - 9 * DAY),
      source: 'calcom',
      booking: { uid: `${RUN}-canceled`, reason: 'Budget frozen until Q3', actor: 'attendee' }
    };
    const noShow = {
      id: `${RUN}-noshow-noshow`,
      type: 'no_show',
      occurredAt: iso(now - DAY),
      source: 'calcom',
      booking: { uid: `${RUN}-noshow` }
    };
    const posted = await apiPost(server, BOOKINGS_PATH, {
      changes: [
        scheduled('upcoming', now + 3 * DAY, now - 10 * DAY),
        scheduled('canceled', now - 5 * DAY, now - 10 * DAY),
        scheduled('noshow', now - 2 * DAY, now - 10 * DAY),
        cancel,
        noShow
      ]
    });
    assert.equal(posted.status, 200, JSON.stringify(posted.json));
    const outcomes = (posted.json as { results: { outcome: string }[] }).results.map((r) => r.outcome);
    assert.deepEqual(outcomes, ['created', 'created', 'created', 'updated', 'updated']);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("the Contact's page lists the three bookings with their statuses and the cancel reason", async (t) => {
    await withPage(t, browser, async (page) => {
      await page.goto(frontdoorUrl(server, `/lightning/r/Contact/${adaId}/view`));
      await expectVisible(page.locator('c-booking-timeline [data-id="title"]', { hasText: 'Bookings (3)' }));
      assert.deepEqual(await statuses(page), ['Scheduled', 'No-show', 'Canceled']);
      const canceled = page.locator('c-booking-timeline-item', { hasText: `Timeline canceled` });
      await expectVisible(canceled.getByText('Reason: Budget frozen until Q3 (given by the attendee)'));
      const upcoming = page.locator('c-booking-timeline-item', { hasText: 'Timeline upcoming' });
      await expectVisible(upcoming.getByText('Intro call'));
      assert.equal(await upcoming.getByRole('button', { name: 'Mark Completed' }).count(), 0, 'not ended yet');
      await screenshot(page, 'timeline-contact');
    });
  });

  test("the Contact's related lists show its upcoming and past events; a row and View All open their pages", async (t) => {
    await withPage(t, browser, async (page) => {
      await page.goto(frontdoorUrl(server, `/lightning/r/Contact/${adaId}/view`));
      const open = page.locator('[data-list="OpenActivities"]');
      const history = page.locator('[data-list="ActivityHistories"]');
      await expectVisible(open.getByText('Open Activities (1)'));
      await expectVisible(history.getByText('Activity History (2)'));
      await expectVisible(history.locator('a', { hasText: 'Timeline canceled' }));
      await screenshot(page, 'contact-related-lists');
      await history.locator('[data-id="view-all"]').click();
      await page.waitForURL((u) => u.pathname.endsWith('/related/ActivityHistories/view'));
      await expectVisible(page.locator('[data-list="ActivityHistories"] a', { hasText: 'Timeline noshow' }));
      await screenshot(page, 'related-list-page');
      await page.locator('[data-list="ActivityHistories"] a', { hasText: 'Timeline canceled' }).click();
      await page.waitForURL((u) => u.pathname.startsWith('/lightning/r/Event/'));
      await expectVisible(page.locator('[data-id="record-name"]', { hasText: 'Timeline canceled' }));
    });
  });

  test('marking the no-show Completed from the timeline changes the Event', async (t) => {
    await withPage(t, browser, async (page) => {
      await page.goto(frontdoorUrl(server, `/lightning/r/Contact/${adaId}/view`));
      const item = page.locator('c-booking-timeline-item', { hasText: 'Timeline noshow' });
      await expectVisible(item.locator('[data-id="status"]', { hasText: 'No-show' }));
      await item.getByRole('button', { name: 'Mark Completed' }).click();
      await expectVisible(item.locator('[data-id="status"]', { hasText: 'Completed' }));
      // The success toast is Lightning's solid green with white text, fully shown (not mid-animation).
      const toast = page.locator('.slds-notify_toast.slds-theme_success');
      await expectVisible(toast);
      const shownFully = () =>
        toast.evaluate((el) => {
          let opacity = 1;
          for (let n: Element | null = el; n; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
          return opacity;
        });
      for (let i = 0; i < 50 && (await shownFully()) < 1; i++) await page.waitForTimeout(100);
      assert.equal(await shownFully(), 1, 'the toast has finished appearing');
      const colors = await toast.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
      assert.deepEqual(colors, ['rgb(46, 132, 74)', 'rgb(255, 255, 255)']);
      await screenshot(page, 'timeline-marked');
    });
    const [event] = await apiQuery(
      server,
      `SELECT EventStatus__c, AttendeeNoShow__c FROM Event WHERE BookingUid__c = '${RUN}-noshow'`
    );
    assert.equal(event.EventStatus__c, 'Completed');
    assert.equal(event.AttendeeNoShow__c, false);
  });

  test("a guest's page lists the bookings they attend, and the Event page lists its attendees", async (t) => {
    await withPage(t, browser, async (page) => {
      await page.goto(frontdoorUrl(server, `/lightning/r/Contact/${graceId}/view`));
      await expectVisible(page.locator('c-booking-timeline [data-id="title"]', { hasText: 'Bookings (3)' }));
      await expectVisible(
        page.locator('c-booking-timeline-item', { hasText: 'Timeline upcoming' }).getByText('With Ada Timeline')
      );
      await screenshot(page, 'timeline-guest');
      const [event] = await apiQuery(server, `SELECT Id FROM Event WHERE BookingUid__c = '${RUN}-upcoming'`);
      await page.goto(`${server.url}/lightning/r/Event/${String(event.Id)}/view`);
      await expectVisible(page.locator('c-booking-attendees [data-id="title"]', { hasText: 'Attendees (2)' }));
      await expectVisible(page.locator('c-booking-attendees [data-id="role"]', { hasText: 'Guest' }));
      await screenshot(page, 'event-attendees');
    });
  });

  test("an Account's page lists the bookings of its Contacts", async (t) => {
    const account = await apiPost(server, '/services/data/v68.0/sobjects/Account', { Name: `Analytical ${RUN}` });
    assert.equal(account.status, 201, JSON.stringify(account.json));
    const accountId = (account.json as { id: string }).id;
    await createContact(server, 'Charles', 'Babbage', `charles.${RUN}@engines.example`, accountId);
    await createContact(server, 'Mary', 'Somerville', `mary.${RUN}@engines.example`, accountId);
    const now = Date.now();
    const booking = (key: string, email: string, firstName: string, lastName: string, startMs: number) => {
      const change = scheduled(key, startMs, now - DAY);
      (change.booking as Record<string, unknown>).attendees = [{ email, firstName, lastName, role: 'primary' }];
      return change;
    };
    const posted = await apiPost(server, BOOKINGS_PATH, {
      changes: [
        booking('charles', `charles.${RUN}@engines.example`, 'Charles', 'Babbage', now + 2 * DAY),
        booking('mary', `mary.${RUN}@engines.example`, 'Mary', 'Somerville', now - 3 * DAY)
      ]
    });
    assert.equal(posted.status, 200, JSON.stringify(posted.json));
    const results = (posted.json as { results: { outcome: string; whoId: string }[] }).results;
    assert.deepEqual(
      results.map((r) => r.outcome),
      ['created', 'created']
    );
    await withPage(t, browser, async (page) => {
      await page.goto(frontdoorUrl(server, `/lightning/r/Account/${accountId}/view`));
      await expectVisible(page.locator('c-booking-timeline [data-id="title"]', { hasText: 'Bookings (2)' }));
      const items = page.locator('c-booking-timeline-item');
      await expectVisible(items.filter({ hasText: 'Timeline charles' }).getByText('With Charles Babbage'));
      await expectVisible(items.filter({ hasText: 'Timeline mary' }).getByText('With Mary Somerville'));
      assert.deepEqual(await statuses(page), ['Scheduled', 'Scheduled'], 'upcoming first, then past');
      await screenshot(page, 'timeline-account');
    });
  });
});
