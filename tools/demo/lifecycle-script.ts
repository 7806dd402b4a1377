/**
 * The booking lifecycle the demo plays, as booking-API changes (DESIGN.md §4). Three bookings cover every status:
 * an existing Contact's call is rescheduled and completed; an existing Lead's demo is reassigned and canceled; a new
 * attendee at a known company (plus an internal colleague as guest) does not show up.
 */
export interface Step {
  title: string;
  change: Record<string, unknown>;
}

const HOSTS = {
  maya: { email: 'maya.chen@bookingsync-demo.com', name: 'Maya Chen' },
  jonas: { email: 'jonas.weber@bookingsync-demo.com', name: 'Jonas Weber' },
  priya: { email: 'priya.raman@bookingsync-demo.com', name: 'Priya Raman' }
};

export function lifecycleSteps(run: string, base: Date): Step[] {
  const at = (dayOffset: number, hourUtc: number, minutes = 0): string => {
    const d = new Date(base);
    d.setUTCDate(d.getUTCDate() + dayOffset);
    d.setUTCHours(hourUtc, minutes, 0, 0);
    return d.toISOString();
  };
  let clock = 0;
  // Each change happens a minute after the previous one, so the ordering rule (LastBookingChangeAt__c) sees progress.
  const occurred = (): string => new Date(base.getTime() - 3600_000 + clock++ * 60_000).toISOString();
  const page = { key: `discovery-30-${run}`, name: 'Discovery call (30 min)', kind: 'round-robin' };
  const demoPage = { key: `product-demo-60-${run}`, name: 'Product demo (60 min)', kind: 'one-to-one' };
  const alex = { email: 'alex.morgan@contoso.com', firstName: 'Alex', lastName: 'Morgan', role: 'primary' };
  const grace = {
    email: 'grace.okafor@wideworldimporters.com',
    firstName: 'Grace',
    lastName: 'Okafor',
    company: 'Wide World Importers',
    role: 'primary'
  };
  const dana = {
    email: 'dana.fox@contoso.com',
    firstName: 'Dana',
    lastName: 'Fox',
    phone: '+1 425 555 0199',
    role: 'primary'
  };
  const leo = { email: 'leo.brandt@bookingsync-demo.com', firstName: 'Leo', lastName: 'Brandt', role: 'guest' };

  const b1 = `bk-${run}-alex`;
  const b2 = `bk-${run}-grace`;
  const b3 = `bk-${run}-dana`;
  const change = (n: number, type: string, booking: Record<string, unknown>): Record<string, unknown> => ({
    id: `chg-${run}-${n}`,
    type,
    occurredAt: occurred(),
    source: 'calcom',
    booking
  });
  return [
    {
      title: 'Alex Morgan (existing Contact) books a discovery call with Maya',
      change: change(1, 'scheduled', {
        uid: b1,
        title: 'Discovery call: Contoso',
        start: at(2, 15),
        end: at(2, 15, 30),
        timezone: 'America/New_York',
        meetingUrl: 'https://meet.example.com/contoso-discovery',
        page,
        host: HOSTS.maya,
        attendees: [alex],
        answers: { teamSize: '40', useCase: 'Route inbound demo requests' },
        utm: { source: 'newsletter', campaign: 'spring-launch' },
        actor: 'attendee'
      })
    },
    {
      title: 'Grace Okafor (existing Lead) books a product demo with Priya',
      change: change(2, 'scheduled', {
        uid: b2,
        title: 'Product demo: Wide World Importers',
        start: at(3, 17),
        end: at(3, 18),
        timezone: 'Europe/London',
        page: demoPage,
        host: HOSTS.priya,
        attendees: [grace],
        actor: 'attendee'
      })
    },
    {
      title: 'Dana Fox (new, works at Contoso) books with Maya and brings Leo (internal)',
      change: change(3, 'scheduled', {
        uid: b3,
        title: 'Discovery call: Contoso (Dana)',
        start: at(1, 14),
        end: at(1, 14, 30),
        timezone: 'America/New_York',
        page,
        host: HOSTS.maya,
        attendees: [dana, leo],
        actor: 'attendee'
      })
    },
    {
      title: 'Alex reschedules to Thursday, with a reason',
      change: change(4, 'rescheduled', {
        uid: b1,
        title: 'Discovery call: Contoso',
        start: at(4, 16),
        end: at(4, 16, 30),
        timezone: 'America/New_York',
        page,
        host: HOSTS.maya,
        attendees: [alex],
        reason: 'Board meeting moved; Thursday works better',
        actor: 'attendee'
      })
    },
    {
      title: "Grace's demo is reassigned from Priya to Jonas",
      change: change(5, 'reassigned', {
        uid: b2,
        title: 'Product demo: Wide World Importers',
        start: at(3, 17),
        end: at(3, 18),
        timezone: 'Europe/London',
        page: demoPage,
        host: HOSTS.jonas,
        attendees: [grace],
        reason: 'Jonas covers EMEA logistics accounts',
        actor: 'host'
      })
    },
    {
      title: 'Grace cancels the demo',
      change: change(6, 'canceled', {
        uid: b2,
        title: 'Product demo: Wide World Importers',
        start: at(3, 17),
        end: at(3, 18),
        page: demoPage,
        host: HOSTS.jonas,
        attendees: [grace],
        reason: 'Budget freeze until next quarter',
        actor: 'attendee'
      })
    },
    {
      title: 'Dana does not show up',
      change: change(7, 'no_show', {
        uid: b3,
        title: 'Discovery call: Contoso (Dana)',
        start: at(1, 14),
        end: at(1, 14, 30),
        page,
        host: HOSTS.maya,
        attendees: [{ ...dana, noShow: true }, leo],
        actor: 'host'
      })
    },
    {
      title: "Alex's call takes place and is completed",
      change: change(8, 'completed', {
        uid: b1,
        title: 'Discovery call: Contoso',
        start: at(4, 16),
        end: at(4, 16, 30),
        page,
        host: HOSTS.maya,
        attendees: [alex],
        actor: 'system'
      })
    }
  ];
}

export function bookingUids(run: string): string[] {
  return [`bk-${run}-alex`, `bk-${run}-grace`, `bk-${run}-dana`];
}
