/**
 * Generated booking change streams for the order-independence property (issue 12): one booking per stream, told as
 * the changes a scheduler would send in the order they happened, and the two ways of delivering them that must end
 * in the same Events — in order, once each, and shuffled with duplicates in random batches. Everything is a pure
 * function of a seed, so a failing stream is replayed from its seed alone.
 */

export type ChangeType = 'scheduled' | 'rescheduled' | 'canceled' | 'completed' | 'no_show' | 'reassigned';

/** A change of the booking contract (force-app/README.md), as JSON. */
export interface BookingChange {
  id: string;
  type: ChangeType;
  occurredAt: string;
  source: string;
  booking: Record<string, unknown>;
}

/** A stream in local names: change ids `c0…` and uids `A`/`B`, renamed per delivery world by `materialize`. */
export interface Stream {
  seed: number;
  changes: BookingChange[];
}

/** A deterministic generator (mulberry32): the same seed gives the same numbers on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTS = ['maya.chen@bookingsync-demo.com', 'jonas.weber@bookingsync-demo.com', 'nobody@elsewhere.example'];
const TITLES = ['Intro call', 'Demo', 'Pricing review', 'Onboarding'];
const REASONS = ['Conflict', 'Travel', 'Sick', 'Changed plans'];
// Everything happens in the past: occurredAt may lie at most 5 minutes in the future.
const EPOCH = Date.parse('2025-01-01T00:00:00Z');

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)];
const iso = (ms: number): string => new Date(ms).toISOString();

/** Generates the stream of one seed: a booking, then one to six more changes in the order they happened. */
export function generateStream(seed: number): Stream {
  const next = random(seed);
  const pageKey = next() < 0.3 ? 'prop-delete' : 'prop-mark';
  const attendee = { email: `p${seed}@prop.example`, firstName: 'Prop', lastName: `No ${seed}`, role: 'primary' };
  let at = EPOCH + Math.floor(next() * 300) * 86_400_000;
  let start = at + 20 * 86_400_000;
  let uid = 'A';
  let moved = false;
  const changes: BookingChange[] = [];
  const add = (type: ChangeType, booking: Record<string, unknown>): void => {
    changes.push({ id: `c${changes.length}`, type, occurredAt: iso(at), source: 'property', booking });
    // Now and then two changes share an instant: ties are broken by type, then change id.
    at += next() < 0.12 ? 0 : (1 + Math.floor(next() * 600)) * 60_000;
  };
  const carried = (bookingUid: string): Record<string, unknown> => ({
    uid: bookingUid,
    title: pick(next, TITLES),
    start: iso(start),
    end: iso(start + 30 * 60_000),
    page: { key: pageKey, name: pageKey },
    host: { email: pick(next, HOSTS) },
    attendees: [attendee]
  });
  if (next() < 0.85) add('scheduled', carried(uid));
  else add('reassigned', carried(uid));
  const more = 1 + Math.floor(next() * 6);
  for (let i = 0; i < more; i++) {
    const roll = next();
    if (roll < 0.18) {
      start += (1 + Math.floor(next() * 5)) * 86_400_000;
      add('rescheduled', { ...carried(uid), reason: pick(next, REASONS) });
    } else if (roll < 0.3 && !moved) {
      // The booking moves to a new uid (Calendly's reschedule): the old uid lives on as previousUid.
      start += 86_400_000;
      moved = true;
      add('rescheduled', { ...carried('B'), previousUid: 'A', reason: pick(next, REASONS) });
      uid = 'B';
    } else if (roll < 0.42) {
      const booking = carried(uid);
      if (next() < 0.5) {
        delete booking.start;
        delete booking.end;
      }
      add('reassigned', booking);
    } else if (roll < 0.56) {
      // Half the cancels name no page: the booking's page profile decides (Delete or mark Canceled).
      const booking: Record<string, unknown> = { uid, reason: pick(next, REASONS) };
      if (next() < 0.5) booking.page = { key: pageKey };
      add('canceled', booking);
    } else if (roll < 0.66) {
      add('completed', { uid });
    } else if (roll < 0.78) {
      const booking: Record<string, unknown> = { uid };
      if (next() < 0.7) booking.attendees = [{ email: attendee.email, role: 'primary', noShow: next() < 0.75 }];
      add('no_show', booking);
    } else if (roll < 0.9) {
      add('scheduled', carried(uid));
    } else {
      // A straggler addressed to the booking's first uid (stale once the booking moved).
      add(pick(next, ['canceled', 'completed'] as const), { uid: 'A', reason: pick(next, REASONS) });
    }
  }
  return { seed, changes };
}

/** The stream's changes with world-specific change ids and uids, so that two worlds share one org. */
export function materialize(stream: Stream, world: string): BookingChange[] {
  const rename = (local: unknown): unknown => (typeof local === 'string' ? `${world}-${stream.seed}-${local}` : local);
  return stream.changes.map((change) => {
    const booking: Record<string, unknown> = { ...change.booking, uid: rename(change.booking.uid) };
    if (booking.previousUid !== undefined) booking.previousUid = rename(booking.previousUid);
    return { ...change, id: `${world}-${stream.seed}-${change.id}`, booking };
  });
}

/** In-order delivery: every change once, one per round, in the order they happened. */
export function inOrder(changes: BookingChange[]): BookingChange[][] {
  return changes.map((change) => [change]);
}

/**
 * Shuffled delivery: every change once or twice (a scheduler retrying), in a random order, in random batches of one
 * to three (a batch may repeat a change). Seeded by the stream's seed.
 */
export function shuffled(changes: BookingChange[], seed: number): BookingChange[][] {
  const next = random(seed ^ 0x5bd1e995);
  const items: BookingChange[] = [];
  for (const change of changes) {
    items.push(change);
    if (next() < 0.35) items.push(change);
  }
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  const batches: BookingChange[][] = [];
  for (let i = 0; i < items.length;) {
    const size = 1 + Math.floor(next() * 3);
    batches.push(items.slice(i, i + size));
    i += size;
  }
  return batches;
}
