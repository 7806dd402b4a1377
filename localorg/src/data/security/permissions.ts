/**
 * What a user may do with objects and fields: the union of their profile and their assigned permission sets
 * (`PermissionSetAssignment` rows), as user mode, describe checks and `Security.stripInaccessible` ask it.
 *
 * Profiles: System Administrator has View All Data and Modify All Data and every object and field; the other
 * standard profiles get the standard sales objects (read-only for `Read Only`, nothing for `Minimum Access`) and no
 * custom object or custom field, which must come from a permission set. Events and Tasks are readable by everyone and
 * writable with the Edit Events / Edit Tasks user permissions.
 */
import { ApexId, type SObject } from '../../values/values.js';
import type { Store } from '../store.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';

export interface ObjectRights {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
  /** "View All Records" on the object. */
  viewAll: boolean;
  /** "Modify All Records" on the object. */
  modifyAll: boolean;
}

export interface FieldRights {
  read: boolean;
  edit: boolean;
}

const NONE: ObjectRights = { read: false, create: false, edit: false, delete: false, viewAll: false, modifyAll: false };
const ALL: ObjectRights = { read: true, create: true, edit: true, delete: true, viewAll: true, modifyAll: true };

/** Standard objects the standard internal profiles may read, create, edit and delete [mem]. */
const SALES_OBJECTS = new Set([
  'account',
  'contact',
  'lead',
  'opportunity',
  'opportunitylineitem',
  'case',
  'campaign',
  'campaignmember',
  'contract',
  'order',
  'asset',
  'product2',
  'pricebook2',
  'pricebookentry',
  'note',
  'attachment',
  'contentversion',
  'contentdocument',
  'contentdocumentlink'
]);
const READ_ONLY_PROFILES = new Set(['read only']);
const NO_OBJECT_PROFILES = new Set(['minimum access - salesforce', 'identity user']);

/** Fields every reader of an object may read (system and identity fields) [mem]. */
const ALWAYS_READABLE = new Set([
  'id',
  'isdeleted',
  'createddate',
  'createdbyid',
  'lastmodifieddate',
  'lastmodifiedbyid',
  'systemmodstamp',
  'ownerid',
  'name',
  'recordtypeid'
]);

/** Fields the platform maintains: readable, never edited. */
/** The parts of a compound address field (`ShippingStreet` … of `ShippingAddress`). */
const ADDRESS_PART =
  /^(.*)(street|city|state|statecode|postalcode|country|countrycode|latitude|longitude|geocodeaccuracy)$/i;

/**
 * The `Object.Field` names whose FieldPermissions govern a field: its own, and for a part of a compound address the
 * compound field's, whose permission covers its parts.
 */
function permissionNames(object: ObjectDef, field: FieldDef): string[] {
  const own = `${object.name}.${field.name}`.toLowerCase();
  const part = ADDRESS_PART.exec(field.name);
  if (!part) return [own];
  const compound = `${part[1]}Address`;
  return object.fields.has(compound.toLowerCase()) ? [own, `${object.name}.${compound}`.toLowerCase()] : [own];
}

const SYSTEM_FIELDS = new Set([
  'id',
  'isdeleted',
  'createddate',
  'createdbyid',
  'lastmodifieddate',
  'lastmodifiedbyid',
  'systemmodstamp'
]);

function flag(row: SObject | undefined, field: string): boolean {
  return row?.get(field.toLowerCase()) === true;
}

function textOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function idText(v: unknown): string | null {
  return v instanceof ApexId ? v.value : typeof v === 'string' ? v : null;
}

/** The permissions of one user, read from the store once (a query or DML statement builds one). */
export class UserPermissions {
  readonly userId: string;
  readonly profileName: string;
  readonly viewAllData: boolean;
  readonly modifyAllData: boolean;
  private readonly isAdminProfile: boolean;
  private readonly permissionSetIds: Set<string>;
  private readonly userPerms = new Set<string>();
  private readonly objectCache = new Map<string, ObjectRights>();

  constructor(
    private readonly store: Store,
    userId: string
  ) {
    this.userId = userId;
    const user = store.get('user', userId);
    const profileId = idText(user?.get('profileid'));
    const profile = profileId ? store.get('profile', profileId) : undefined;
    this.profileName = textOf(profile?.get('name'));
    this.permissionSetIds = new Set();
    for (const a of store.rows('permissionsetassignment')) {
      if (idText(a.get('assigneeid')) !== userId) continue;
      const ps = idText(a.get('permissionsetid'));
      if (ps) this.permissionSetIds.add(ps);
    }
    const sets = [...this.permissionSetIds].map((id) => store.get('permissionset', id));
    for (const source of [profile, ...sets]) {
      if (!source) continue;
      for (const [key, value] of source.fields)
        if (key.startsWith('permissions') && value === true) this.userPerms.add(key);
    }
    this.viewAllData = this.userPerms.has('permissionsviewalldata') || this.userPerms.has('permissionsmodifyalldata');
    this.modifyAllData = this.userPerms.has('permissionsmodifyalldata');
    this.isAdminProfile = flag(profile, 'PermissionsModifyAllData');
  }

  /** Modify All Data through the profile: every object, field and record. */
  get isAdministrator(): boolean {
    return this.isAdminProfile;
  }

  /** A user permission by API name (`PermissionsEditEvent`), from the profile or any assigned permission set. */
  has(permission: string): boolean {
    return this.userPerms.has(permission.toLowerCase());
  }

  object(object: ObjectDef): ObjectRights {
    const key = object.name.toLowerCase();
    let rights = this.objectCache.get(key);
    if (!rights) this.objectCache.set(key, (rights = this.computeObject(object)));
    return rights;
  }

  /**
   * The rights the profile and the user permissions give without any `ObjectPermissions` row; with them come the
   * standard fields (a standard object granted only by a permission set needs `FieldPermissions` for its fields).
   */
  private baseObject(object: ObjectDef): ObjectRights {
    const key = object.name.toLowerCase();
    if (this.modifyAllData) return { ...ALL };
    const rights: ObjectRights = { ...NONE };
    if (this.viewAllData) Object.assign(rights, { read: true, viewAll: true });
    if (object.setup || object.customMetadata || object.customSetting) rights.read = true;
    if (key === 'event' || key === 'task') {
      const edit = this.has(key === 'event' ? 'PermissionsEditEvent' : 'PermissionsEditTask');
      Object.assign(rights, { read: true, create: edit, edit, delete: edit });
    } else if (!object.custom && SALES_OBJECTS.has(key)) {
      const profile = this.profileName.toLowerCase();
      if (!NO_OBJECT_PROFILES.has(profile)) {
        const write = !READ_ONLY_PROFILES.has(profile);
        Object.assign(rights, { read: true, create: write, edit: write, delete: write });
      }
    }
    return rights;
  }

  private computeObject(object: ObjectDef): ObjectRights {
    const key = object.name.toLowerCase();
    if (this.modifyAllData) return ALL;
    const rights = this.baseObject(object);
    for (const row of this.store.rows('objectpermissions')) {
      if (!this.permissionSetIds.has(idText(row.get('parentid')) ?? '')) continue;
      if (textOf(row.get('sobjecttype')).toLowerCase() !== key) continue;
      rights.read ||= flag(row, 'PermissionsRead');
      rights.create ||= flag(row, 'PermissionsCreate');
      rights.edit ||= flag(row, 'PermissionsEdit');
      rights.delete ||= flag(row, 'PermissionsDelete');
      rights.viewAll ||= flag(row, 'PermissionsViewAllRecords') || flag(row, 'PermissionsModifyAllRecords');
      rights.modifyAll ||= flag(row, 'PermissionsModifyAllRecords');
    }
    if (rights.modifyAll) Object.assign(rights, { read: true, create: true, edit: true, delete: true, viewAll: true });
    if (rights.viewAll) rights.read = true;
    return rights;
  }

  /**
   * Field-level security. Standard fields follow the object's rights when the profile gives the object; custom
   * fields, and the standard fields of an object only a permission set gives, need a `FieldPermissions` row
   * (`Event.X__c` for Activity fields) unless the profile is System Administrator [mem], the field is required
   * (required fields are always readable and editable [mem]) or it is a system or name field.
   */
  field(object: ObjectDef, field: FieldDef): FieldRights {
    const rights = this.object(object);
    if (!rights.read) return { read: false, edit: false };
    const writable = rights.edit || rights.create;
    const lower = field.name.toLowerCase();
    const profileGivesStandard = !field.custom && this.baseObject(object).read;
    if (profileGivesStandard || this.isAdminProfile || field.required || ALWAYS_READABLE.has(lower)) {
      return { read: true, edit: writable && !SYSTEM_FIELDS.has(lower) };
    }
    const names = permissionNames(object, field);
    const out: FieldRights = { read: false, edit: false };
    for (const row of this.store.rows('fieldpermissions')) {
      if (!this.permissionSetIds.has(idText(row.get('parentid')) ?? '')) continue;
      if (!names.includes(textOf(row.get('field')).toLowerCase())) continue;
      out.read ||= flag(row, 'PermissionsRead') || flag(row, 'PermissionsEdit');
      out.edit ||= flag(row, 'PermissionsEdit');
    }
    out.edit &&= writable;
    return out;
  }

  /** Whether the user may read a field by name (`OwnerId`, `Who`… ids and names that are not fields read as true). */
  canReadField(object: ObjectDef, field: FieldDef | undefined): boolean {
    if (!field) return this.object(object).read;
    if (ALWAYS_READABLE.has(field.name.toLowerCase())) return this.object(object).read;
    return this.field(object, field).read;
  }
}
