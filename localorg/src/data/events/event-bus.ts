/**
 * Publishing platform events and delivering them to Apex subscribers. `EventBus.publish` and the API's insert of a
 * `Name__e` record come here: each message is validated like a record (required fields, lengths, types), counted as
 * one DML statement, and then
 * - PublishImmediately: stored on the event bus at once, kept even if the transaction later fails;
 * - PublishAfterCommit: held until the transaction commits, dropped by a rollback (or a rollback to a savepoint set
 *   before the publish);
 * - in an Apex test: queued on the test event bus until `Test.stopTest()` or `Test.getEventBus().deliver()`.
 * Subscribers are `after insert` triggers on the event object; they run after the publishing transaction, in their
 * own transaction, on batches of at most 2,000 messages in replay id order.
 */
import { randomUUID } from 'node:crypto';
import { ApexDatetime, ApexId, ApexRuntimeError, SObject } from '../../values/values.js';
import { makeId } from '../../values/ids.js';
import type { DeferredWork, DmlError, DmlRowResult } from '../../runtime/data-platform.js';
import type { OrgContext } from '../context.js';
import { coerceRecord, validateAfterTriggers } from '../dml/validate.js';
import type { ObjectDef } from '../schema/types.js';
import { EventStore, type EventMessage } from './event-store.js';

/** Largest batch a platform event trigger receives [doc: "Subscribe to Platform Event Notifications with Apex Triggers"]. */
export const TRIGGER_BATCH_SIZE = 2000;

/** A validated message not yet on the bus. */
interface Draft {
  object: ObjectDef;
  record: SObject;
  uuid: string;
  createdDate: number;
  createdById: string;
  /** Savepoints open when it was published (a rollback to an earlier one drops it). */
  depth: number;
}

export class PlatformEventBus {
  readonly store: EventStore;
  private afterCommit: Draft[] = [];
  private publishedNow: EventMessage[] = [];
  private testQueue: Draft[] = [];
  private readonly testReplayIds = new Map<string, number>();
  private idCounter = 0;

  constructor(private readonly org: OrgContext) {
    this.store = new EventStore(() => org.now());
  }

  /** True for a platform event object's API name, in any spelling. */
  isEventObject(name: string): boolean {
    return !!this.org.schema.object(name)?.platformEvent;
  }

  /**
   * Publishes messages; never throws for a message that fails validation (its SaveResult carries the errors), as
   * `EventBus.publish` does [doc: EventBus Class, publish(events)]. `depth` is the number of open savepoints.
   */
  publish(records: SObject[], options: { testContext: boolean; depth: number }): DmlRowResult[] {
    if (records.some((r) => r === null || r === undefined)) {
      throw new ApexRuntimeError('System.NullPointerException', 'Argument cannot be null.');
    }
    this.org.limits.chargeDml(records.length);
    return records.map((rec) => {
      const object = this.org.schema.object(rec.type);
      if (!object?.platformEvent) {
        throw new ApexRuntimeError(
          'System.TypeException',
          `EventBus.publish only accepts platform event objects (Name__e); ${rec.type} is not one`
        );
      }
      const work = new SObject(object.name);
      for (const [key, value] of rec.fields) {
        if (value instanceof SObject || !object.fields.has(key)) continue;
        const field = object.fields.get(key)!;
        if (!field.createable && key !== 'eventuuid') continue;
        work.set(field.name, value);
      }
      const errors: DmlError[] = [...coerceRecord(object, work)];
      if (errors.length === 0) errors.push(...validateAfterTriggers(this.org, object, work, true));
      const id = new ApexId(makeId(object.keyPrefix ?? 'e00', ++this.idCounter));
      if (errors.length > 0) return { success: false, id: null, errors };
      const given = work.get('EventUuid');
      const draft: Draft = {
        object,
        record: work,
        uuid: typeof given === 'string' && given !== '' ? given : randomUUID(),
        createdDate: this.org.now(),
        createdById: this.org.user.id.value,
        depth: options.depth
      };
      if (options.testContext) this.testQueue.push(draft);
      else if (object.platformEvent.publishBehavior === 'PublishImmediately') this.publishedNow.push(this.post(draft));
      else this.afterCommit.push(draft);
      // The publish is enqueued: the result carries the message's UUID under OPERATION_ENQUEUED [doc: "Match a Publish
      // Result with the Event Published"].
      return { success: true, id, errors: [{ statusCode: 'OPERATION_ENQUEUED', message: draft.uuid, fields: [] }] };
    });
  }

  /** Drops PublishAfterCommit messages published after the savepoint with this index was set. */
  rollbackTo(savepoint: number): void {
    this.afterCommit = this.afterCommit.filter((d) => d.depth <= savepoint);
    this.testQueue = this.testQueue.filter((d) => d.depth <= savepoint);
  }

  /** The transaction committed: after-commit messages go on the bus. Returns every message it published. */
  commit(): EventMessage[] {
    const published = [...this.publishedNow, ...this.afterCommit.map((d) => this.post(d))];
    this.publishedNow = [];
    this.afterCommit = [];
    return published;
  }

  /** The transaction failed: after-commit messages are dropped; immediate ones were published all the same. */
  rollback(): EventMessage[] {
    const published = this.publishedNow;
    this.publishedNow = [];
    this.afterCommit = [];
    return published;
  }

  /** A new transaction (or test method): nothing pending, the test event bus empty. */
  begin(): void {
    this.publishedNow = [];
    this.afterCommit = [];
    this.testQueue = [];
    this.testReplayIds.clear();
  }

  /**
   * Work that runs the Apex subscribers of published messages: one piece per channel and batch of ≤ 2,000, in replay
   * id order, each to run in a transaction of its own.
   */
  subscriberWork(messages: EventMessage[]): DeferredWork[] {
    const work: DeferredWork[] = [];
    for (const [channel, list] of byChannel(messages)) {
      if (!this.org.triggers?.hasTriggers(channel, 'after insert')) continue;
      for (let i = 0; i < list.length; i += TRIGGER_BATCH_SIZE) {
        const batch = list.slice(i, i + TRIGGER_BATCH_SIZE);
        work.push({
          label: `platform event trigger on ${channel} (replay ${batch[0].replayId}–${batch[batch.length - 1].replayId})`,
          run: () => this.fire(channel, batch)
        });
      }
    }
    return work;
  }

  /**
   * `Test.stopTest()` / `Test.getEventBus().deliver()`: publishes the test bus's queued messages and runs their
   * subscribers now, each batch with fresh limits and rolled back alone if it throws (a subscriber's failure does not
   * fail the test). Messages that subscribers publish are delivered in the same call, up to 16 rounds [mem].
   * Returns how many messages were delivered.
   */
  deliverTestEvents(): number {
    let delivered = 0;
    for (let round = 0; round < 16 && this.testQueue.length > 0; round++) {
      const queue = this.testQueue;
      this.testQueue = [];
      const messages = queue.map((d) => this.stamp(d, this.nextTestReplayId(d.object.name)));
      delivered += messages.length;
      for (const w of this.subscriberWork(messages)) this.runIsolated(w);
    }
    return delivered;
  }

  /** `Test.getEventBus().fail()`: queued test messages are dropped undelivered; returns how many. */
  failTestEvents(): number {
    const n = this.testQueue.length;
    this.testQueue = [];
    return n;
  }

  /** Messages queued on the test event bus, not yet delivered. */
  get testQueueSize(): number {
    return this.testQueue.length;
  }

  private runIsolated(w: DeferredWork): void {
    const mark = this.org.store.mark();
    const restoreLimits = this.org.limits.pushFreshSet();
    try {
      w.run();
    } catch {
      this.org.store.rollbackTo(mark);
    } finally {
      restoreLimits();
    }
  }

  private fire(channel: string, batch: EventMessage[]): void {
    this.org.triggers?.fire({
      sobjectType: channel,
      event: 'after insert',
      newRecords: batch.map((m) => copy(m.record)),
      oldRecords: null
    });
  }

  private nextTestReplayId(channel: string): number {
    const key = channel.toLowerCase();
    const n = (this.testReplayIds.get(key) ?? 0) + 1;
    this.testReplayIds.set(key, n);
    return n;
  }

  private post(d: Draft): EventMessage {
    const message = this.stamp(d, this.store.nextReplayId(d.object.name));
    this.store.append(message);
    return message;
  }

  private stamp(d: Draft, replayId: number): EventMessage {
    const record = copy(d.record);
    // Every field is in the message, null when not set (subscribers see the whole schema).
    for (const f of d.object.fields.values()) if (f.custom && !record.has(f.name)) record.set(f.name, null);
    record.set('ReplayId', String(replayId));
    record.set('EventUuid', d.uuid);
    record.set('CreatedDate', new ApexDatetime(d.createdDate));
    record.set('CreatedById', new ApexId(d.createdById));
    return {
      channel: d.object.name,
      replayId,
      uuid: d.uuid,
      createdDate: d.createdDate,
      createdById: d.createdById,
      record
    };
  }
}

/** A message read back from its stored record (journal replay); null when the record is not a message. */
export function messageFromRecord(channel: string, record: SObject): EventMessage | null {
  const replayId = Number(record.get('ReplayId'));
  const uuid = record.get('EventUuid');
  const created = record.get('CreatedDate');
  const by = record.get('CreatedById');
  if (!Number.isInteger(replayId) || replayId < 1 || typeof uuid !== 'string') return null;
  if (!(created instanceof ApexDatetime) || !(by instanceof ApexId)) return null;
  const clean = copy(record);
  clean.fields.delete('id');
  clean.names.delete('id');
  return { channel, replayId, uuid, createdDate: created.epochMs, createdById: by.value, record: clean };
}

function copy(record: SObject): SObject {
  const out = new SObject(record.type);
  for (const [key, value] of record.fields) {
    out.fields.set(key, value);
    out.names.set(key, record.names.get(key) ?? key);
  }
  return out;
}

function byChannel(messages: EventMessage[]): Map<string, EventMessage[]> {
  const out = new Map<string, EventMessage[]>();
  for (const m of messages) {
    const list = out.get(m.channel) ?? [];
    list.push(m);
    out.set(m.channel, list);
  }
  return out;
}
