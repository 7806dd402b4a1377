// The rep permission set and the Event layout reps use must agree: a Booking Sync field the layout lets a rep edit is
// editable in BookingSyncUser, a read-only one is not, and every Booking Sync field the layout shows is readable.
// Read from the package's metadata as shipped (force-app), so a change to either file that breaks the pact fails here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';

const root = path.resolve(import.meta.dirname, '../../..');
const parser = new XMLParser({
  isArray: (name) => ['layoutSections', 'layoutColumns', 'layoutItems', 'fieldPermissions'].includes(name)
});

interface LayoutItem {
  behavior?: string;
  field?: string;
}
interface FieldPermission {
  field: string;
  editable: boolean;
  readable: boolean;
}

function read(relative: string): Record<string, unknown> {
  return parser.parse(fs.readFileSync(path.join(root, relative), 'utf8')) as Record<string, unknown>;
}

function layoutItems(relative: string): LayoutItem[] {
  const layout = read(relative).Layout as { layoutSections: { layoutColumns?: { layoutItems?: LayoutItem[] }[] }[] };
  return layout.layoutSections.flatMap((s) => (s.layoutColumns ?? []).flatMap((c) => c.layoutItems ?? []));
}

function permissions(relative: string): Map<string, FieldPermission> {
  const set = read(relative).PermissionSet as { fieldPermissions: FieldPermission[] };
  return new Map(set.fieldPermissions.map((p) => [p.field, p]));
}

const EVENT_LAYOUT = 'force-app/main/lifecycle/layouts/Event-Booking Sync Event Layout.layout-meta.xml';
const REP_SET = 'force-app/main/admin/permissionsets/BookingSyncUser.permissionset-meta.xml';

test('every Booking Sync field on the Event layout is editable for reps exactly when the layout lets them edit it', () => {
  const granted = permissions(REP_SET);
  const custom = layoutItems(EVENT_LAYOUT).filter((item) => item.field?.endsWith('__c'));
  assert.ok(custom.length >= 10, `the layout shows the booking fields (found ${custom.length})`);
  const disagreements = custom.flatMap((item) => {
    const permission = granted.get(`Event.${item.field}`);
    const layoutEditable = item.behavior === 'Edit' || item.behavior === 'Required';
    if (!permission?.readable) return [`${item.field}: on the layout but not readable in BookingSyncUser`];
    if (permission.editable !== layoutEditable) {
      return [`${item.field}: layout ${item.behavior}, permission set editable=${permission.editable}`];
    }
    return [];
  });
  assert.deepEqual(disagreements, []);
});

test('reps may set the status, which marking a booking Completed or No-show from the timeline writes', () => {
  const granted = permissions(REP_SET);
  assert.equal(granted.get('Event.EventStatus__c')?.editable, true);
  assert.equal(granted.get('Event.AttendeeNoShow__c')?.editable, true);
  assert.equal(
    granted.get('Event.CancelRescheduleActor__c')?.editable,
    false,
    'who gave a reason is recorded, not typed'
  );
});
