/**
 * Platform event objects (`Name__e`) as their object metadata declares them: `<eventType>` and `<publishBehavior>`
 * (`PublishImmediately` when absent, the platform's default), custom fields from `fields/`, and the standard fields
 * every event message carries — ReplayId, EventUuid, CreatedDate, CreatedById — none of them writable. Event objects
 * have no Id, Name or owner: messages are published, never stored as records.
 */
import { fieldDef, labelFromName, type FieldDef, type ObjectDef, type PublishBehavior } from './types.js';

/** The object metadata values a platform event reads (`<label>`, `<pluralLabel>`, `<eventType>`, `<publishBehavior>`). */
export interface PlatformEventMeta {
  label?: string;
  pluralLabel?: string;
  eventType?: string;
  publishBehavior?: string;
}

const BEHAVIORS: PublishBehavior[] = ['PublishAfterCommit', 'PublishImmediately'];

/** The standard fields of an event message [doc: field reference of standard platform events, e.g. RemoteKeyCalloutEvent]. */
export function platformEventStandardFields(): FieldDef[] {
  const ro = { createable: false, updateable: false, custom: false };
  return [
    fieldDef({ name: 'ReplayId', type: 'string', label: 'Replay ID', length: 1000, ...ro }),
    fieldDef({ name: 'EventUuid', type: 'string', label: 'Event UUID', length: 36, ...ro }),
    fieldDef({ name: 'CreatedDate', type: 'datetime', label: 'Created Date', ...ro }),
    fieldDef({
      name: 'CreatedById',
      type: 'reference',
      label: 'Created By ID',
      referenceTo: ['User'],
      relationshipName: 'CreatedBy',
      length: 18,
      ...ro
    })
  ];
}

/**
 * Builds a platform event object; throws (with the metadata's own words) for a publish behaviour the platform does
 * not define, so a typo is not silently read as the default.
 */
export function platformEventObject(
  name: string,
  meta: PlatformEventMeta,
  keyPrefix: string,
  where: string,
  fail: (message: string) => Error
): ObjectDef {
  const behavior = meta.publishBehavior ?? 'PublishImmediately';
  if (!BEHAVIORS.includes(behavior as PublishBehavior)) {
    throw fail(`${where}: <publishBehavior>${behavior}</publishBehavior> is not one of ${BEHAVIORS.join(', ')}`);
  }
  const fields = new Map<string, FieldDef>();
  for (const f of platformEventStandardFields()) fields.set(f.name.toLowerCase(), f);
  const label = meta.label ?? labelFromName(name);
  return {
    name,
    label,
    labelPlural: meta.pluralLabel ?? label,
    keyPrefix,
    custom: true,
    customMetadata: false,
    customSetting: null,
    setup: false,
    queryableOnly: false,
    createable: true,
    updateable: false,
    deletable: false,
    hasOwner: false,
    fields,
    childRelationships: [],
    platformEvent: { publishBehavior: behavior as PublishBehavior, eventType: meta.eventType ?? 'HighVolume' }
  };
}
