/**
 * Record-level access under sharing: whether the running user may read or edit one record, from View All / Modify All
 * (data or object), ownership, the role hierarchy, the object's organization-wide default, the parent record for
 * objects controlled by their parent (Contact → Account, a detail → its master, an Activity → its Who/What and its
 * `EventRelation` parents) and manual shares (`AccountShare`, `ContactShare`, `LeadShare`, `OpportunityShare`,
 * `CaseShare` rows naming the user). Sharing rules, groups and queues as share targets, territories and implicit
 * parent access (a Contact's reader seeing its Account) are not emulated (FIDELITY.md).
 */
import { ApexId, type SObject } from '../../values/values.js';
import type { Schema } from '../schema/schema.js';
import type { ObjectDef } from '../schema/types.js';
import type { Store } from '../store.js';
import { orgWideDefault, type SharingModel } from './org-wide-defaults.js';
import type { UserPermissions } from './permissions.js';

type Level = 0 | 1 | 2; // none, read, edit

const SHARE_OBJECTS = new Set(['account', 'contact', 'lead', 'opportunity', 'case']);

function idText(v: unknown): string | null {
  return v instanceof ApexId ? v.value : typeof v === 'string' ? v : null;
}

export class RecordAccess {
  private readonly levels = new Map<string, Level>();
  private readonly rolesAbove: Set<string>;
  private readonly userRole: string | null;

  constructor(
    private readonly schema: Schema,
    private readonly store: Store,
    private readonly permissions: UserPermissions,
    private readonly overrides: Record<string, SharingModel> = {}
  ) {
    this.userRole = idText(store.get('user', permissions.userId)?.get('userroleid'));
    this.rolesAbove = new Set();
  }

  canRead(object: ObjectDef, row: SObject): boolean {
    return this.level(object, row) >= 1;
  }

  canEdit(object: ObjectDef, row: SObject): boolean {
    return this.level(object, row) >= 2;
  }

  private level(object: ObjectDef, row: SObject): Level {
    const id = idText(row.get('id'));
    if (id) {
      const known = this.levels.get(id);
      if (known !== undefined) return known;
      this.levels.set(id, 0); // a cycle of parents grants nothing
    }
    const level = this.compute(object, row);
    if (id) this.levels.set(id, level);
    return level;
  }

  private compute(object: ObjectDef, row: SObject): Level {
    const rights = this.permissions.object(object);
    if (this.permissions.modifyAllData || rights.modifyAll) return 2;
    const seeAll: Level = this.permissions.viewAllData || rights.viewAll ? 1 : 0;
    const model = orgWideDefault(object, this.overrides);
    const key = object.name.toLowerCase();
    if (key === 'event' || key === 'task') return Math.max(seeAll, this.activity(row, model)) as Level;
    if (model === 'ControlledByParent') return Math.max(seeAll, this.fromParent(object, row)) as Level;
    if (!object.hasOwner) return 2;
    const own = this.owns(row) ? 2 : 0;
    const base: Level = model === 'Private' ? 0 : model === 'Read' ? 1 : 2;
    return Math.max(seeAll, own, base, this.shared(object, row)) as Level;
  }

  /** Owner, or a user whose role is above the owner's. */
  private owns(row: SObject): boolean {
    const owner = idText(row.get('ownerid'));
    if (!owner) return false;
    if (owner === this.permissions.userId) return true;
    return this.isAbove(owner);
  }

  private isAbove(ownerId: string): boolean {
    if (!this.userRole) return false;
    let role = idText(this.store.get('user', ownerId)?.get('userroleid'));
    const seen = new Set<string>();
    while (role) {
      if (seen.has(role)) return false;
      seen.add(role);
      const parent = idText(this.store.get('userrole', role)?.get('parentroleid'));
      if (parent === this.userRole) return true;
      role = parent;
    }
    return false;
  }

  /** Manual shares naming the user (groups are not expanded). */
  private shared(object: ObjectDef, row: SObject): Level {
    const key = object.name.toLowerCase();
    if (!SHARE_OBJECTS.has(key)) return 0;
    const id = idText(row.get('id'));
    let level: Level = 0;
    for (const share of this.store.rows(`${key}share`)) {
      if (idText(share.get(`${key}id`)) !== id || idText(share.get('userorgroupid')) !== this.permissions.userId)
        continue;
      const raw = share.get(`${key}accesslevel`);
      const access = typeof raw === 'string' ? raw : '';
      level = Math.max(level, access === 'Read' ? 1 : access === 'Edit' || access === 'All' ? 2 : 0) as Level;
    }
    return level;
  }

  private rowOf(id: string | null): { object: ObjectDef; row: SObject } | null {
    if (!id) return null;
    const object = this.schema.objectByPrefix(id.slice(0, 3));
    const row = object ? this.store.get(object.name.toLowerCase(), id) : undefined;
    return object && row ? { object, row } : null;
  }

  /** A Contact follows its Account (no Account: its owner); a detail follows its master(s). */
  private fromParent(object: ObjectDef, row: SObject): Level {
    const parents: string[] = [];
    if (object.name.toLowerCase() === 'contact') {
      const account = idText(row.get('accountid'));
      if (!account) return this.owns(row) ? 2 : 0;
      parents.push(account);
    } else {
      for (const f of object.fields.values()) if (f.cascadeDelete) parents.push(idText(row.get(f.name)) ?? '');
    }
    let level: Level = 0;
    for (const p of parents) {
      const parent = this.rowOf(p);
      if (parent) level = Math.max(level, this.level(parent.object, parent.row)) as Level;
    }
    return level;
  }

  /**
   * Activities: the owner (and roles above) read and edit; under Private, users who can read the Who, the What or an
   * `EventRelation` parent read it; under Controlled by Parent, they get the parent's access. A private Event
   * (`IsPrivate`) is its owner's only.
   */
  private activity(row: SObject, model: SharingModel): Level {
    if (this.owns(row)) return 2;
    if (row.get('isprivate') === true) return 0;
    const parents = [idText(row.get('whoid')), idText(row.get('whatid'))];
    const id = idText(row.get('id'));
    if (id) {
      for (const rel of this.store.rows('eventrelation')) {
        if (idText(rel.get('eventid')) === id && rel.get('isparent') === true)
          parents.push(idText(rel.get('relationid')));
      }
    }
    let level: Level = 0;
    for (const p of parents) {
      const parent = this.rowOf(p);
      if (parent) level = Math.max(level, this.level(parent.object, parent.row)) as Level;
    }
    if (model === 'Private') return Math.min(level, 1) as Level;
    return level;
  }
}
