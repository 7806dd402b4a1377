/**
 * The standard objects a typical integration package touches, described by hand as data (labels, lengths, picklists,
 * required and read-only fields); they win over the catalogue where they describe a field (see standard.ts).
 */
import { activityFields, address, type ObjectSpec, ref, ro, text } from './standard-field-specs.js';
import { picklist } from './types.js';

export const SPECS: ObjectSpec[] = [
  {
    name: 'Account',
    prefix: '001',
    plural: 'Accounts',
    fields: [
      ['Name', 'string', text(255, { required: true, idLookup: true })],
      [
        'Type',
        'picklist',
        text(40, { picklist: picklist(['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other']) })
      ],
      [
        'Industry',
        'picklist',
        text(40, {
          picklist: picklist(['Agriculture', 'Banking', 'Consulting', 'Education', 'Healthcare', 'Technology', 'Other'])
        })
      ],
      ['Website', 'url', text(255)],
      ['Phone', 'phone', text(40)],
      ['Fax', 'phone', text(40)],
      ['AccountNumber', 'string', text(40)],
      ['Site', 'string', text(80)],
      ['Rating', 'picklist', text(40, { picklist: picklist(['Hot', 'Warm', 'Cold']) })],
      ['Description', 'textarea', text(32000)],
      ['NumberOfEmployees', 'integer', { precision: 8 }],
      ['AnnualRevenue', 'currency', { precision: 18, scale: 0 }],
      ['ParentId', 'reference', ref(['Account'], 'Parent', 'ChildAccounts')],
      ...address('Billing'),
      ...address('Shipping')
    ]
  },
  {
    name: 'Contact',
    prefix: '003',
    plural: 'Contacts',
    fields: [
      ['FirstName', 'string', text(40)],
      ['LastName', 'string', text(80, { required: true })],
      ['Salutation', 'picklist', text(40, { picklist: picklist(['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']) })],
      ['Name', 'string', text(121, { ...ro, calculated: true, idLookup: true })],
      ['Email', 'email', text(80, { idLookup: true })],
      ['Phone', 'phone', text(40)],
      ['MobilePhone', 'phone', text(40)],
      ['Title', 'string', text(128)],
      ['Department', 'string', text(80)],
      ['Birthdate', 'date'],
      ['Description', 'textarea', text(32000)],
      [
        'LeadSource',
        'picklist',
        text(40, { picklist: picklist(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']) })
      ],
      ['HasOptedOutOfEmail', 'boolean', { defaultValue: false }],
      ['DoNotCall', 'boolean', { defaultValue: false }],
      ['AccountId', 'reference', ref(['Account'], 'Account', 'Contacts')],
      ['ReportsToId', 'reference', ref(['Contact'], 'ReportsTo', null)],
      ...address('Mailing'),
      ...address('Other')
    ]
  },
  {
    name: 'Lead',
    prefix: '00Q',
    plural: 'Leads',
    owner: ['Group', 'User'],
    fields: [
      ['FirstName', 'string', text(40)],
      ['LastName', 'string', text(80, { required: true })],
      ['Salutation', 'picklist', text(40, { picklist: picklist(['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']) })],
      ['Name', 'string', text(121, { ...ro, calculated: true, idLookup: true })],
      ['Company', 'string', text(255, { required: true })],
      ['Email', 'email', text(80, { idLookup: true })],
      ['Phone', 'phone', text(40)],
      ['MobilePhone', 'phone', text(40)],
      ['Title', 'string', text(128)],
      ['Website', 'url', text(255)],
      ['Description', 'textarea', text(32000)],
      [
        'Status',
        'picklist',
        text(40, {
          required: true,
          picklist: picklist(
            ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
            'Open - Not Contacted'
          ),
          defaultValue: 'Open - Not Contacted'
        })
      ],
      [
        'LeadSource',
        'picklist',
        text(40, { picklist: picklist(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']) })
      ],
      [
        'Industry',
        'picklist',
        text(40, {
          picklist: picklist(['Agriculture', 'Banking', 'Consulting', 'Education', 'Healthcare', 'Technology', 'Other'])
        })
      ],
      ['Rating', 'picklist', text(40, { picklist: picklist(['Hot', 'Warm', 'Cold']) })],
      ['NumberOfEmployees', 'integer', { precision: 8 }],
      ['AnnualRevenue', 'currency', { precision: 18, scale: 0 }],
      ['HasOptedOutOfEmail', 'boolean', { defaultValue: false }],
      ['DoNotCall', 'boolean', { defaultValue: false }],
      ['IsConverted', 'boolean', { defaultValue: false, updateable: false }],
      ['ConvertedDate', 'date', ro],
      ['ConvertedAccountId', 'reference', { ...ro, ...ref(['Account'], 'ConvertedAccount', null) }],
      ['ConvertedContactId', 'reference', { ...ro, ...ref(['Contact'], 'ConvertedContact', null) }],
      ['ConvertedOpportunityId', 'reference', { ...ro, ...ref(['Opportunity'], 'ConvertedOpportunity', null) }],
      ...address('')
    ]
  },
  {
    name: 'Opportunity',
    prefix: '006',
    plural: 'Opportunities',
    fields: [
      ['Name', 'string', text(120, { required: true })],
      [
        'StageName',
        'picklist',
        text(255, {
          required: true,
          picklist: picklist([
            'Prospecting',
            'Qualification',
            'Needs Analysis',
            'Value Proposition',
            'Id. Decision Makers',
            'Perception Analysis',
            'Proposal/Price Quote',
            'Negotiation/Review',
            'Closed Won',
            'Closed Lost'
          ])
        })
      ],
      ['CloseDate', 'date', { required: true }],
      ['Amount', 'currency', { precision: 18, scale: 2 }],
      ['Probability', 'percent', { precision: 3, scale: 0 }],
      [
        'Type',
        'picklist',
        text(40, {
          picklist: picklist([
            'New Customer',
            'Existing Customer - Upgrade',
            'Existing Customer - Replacement',
            'Existing Customer - Downgrade'
          ])
        })
      ],
      [
        'LeadSource',
        'picklist',
        text(40, { picklist: picklist(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']) })
      ],
      ['Description', 'textarea', text(32000)],
      ['IsClosed', 'boolean', { ...ro, calculated: true }],
      ['IsWon', 'boolean', { ...ro, calculated: true }],
      ['AccountId', 'reference', ref(['Account'], 'Account', 'Opportunities')]
    ]
  },
  {
    name: 'Event',
    prefix: '00U',
    plural: 'Events',
    owner: ['Calendar', 'User'],
    fields: [
      ...activityFields('Event'),
      ['StartDateTime', 'datetime'],
      ['EndDateTime', 'datetime'],
      ['ActivityDateTime', 'datetime'],
      ['EndDate', 'date', ro],
      ['DurationInMinutes', 'integer', { precision: 8 }],
      ['IsAllDayEvent', 'boolean', { defaultValue: false }],
      ['Location', 'string', text(255)],
      ['ShowAs', 'picklist', text(40, { picklist: picklist(['Busy', 'OutOfOffice', 'Free'], 'Busy') })],
      ['EventSubtype', 'picklist', text(40, { ...ro, picklist: picklist(['Event']) })],
      ['IsChild', 'boolean', ro],
      ['IsGroupEvent', 'boolean', ro],
      ['GroupEventType', 'picklist', text(40, { ...ro, picklist: picklist(['0', '1', '2', '3']) })]
    ]
  },
  {
    // Invitees and, with Shared Activities, the people an Event is related to (IsParent) [object reference].
    name: 'EventRelation',
    prefix: '0RE',
    plural: 'Event Relations',
    owner: false,
    fields: [
      ['EventId', 'reference', { ...ref(['Event'], 'Event', 'EventRelations'), required: true, cascadeDelete: true }],
      [
        'RelationId',
        'reference',
        { ...ref(['Contact', 'Lead', 'User', 'Account'], 'Relation', null), required: true, polymorphic: true }
      ],
      ['IsParent', 'boolean', { defaultValue: false }],
      ['IsInvitee', 'boolean', { defaultValue: true }],
      ['IsWhat', 'boolean', { ...ro, defaultValue: false }],
      ['Status', 'picklist', text(40, { picklist: picklist(['New', 'Declined', 'Accepted'], 'New') })],
      ['RespondedDate', 'datetime'],
      ['Response', 'string', text(255)]
    ]
  },
  {
    // Present only with Shared Activities (removed from the schema otherwise, see data/index.ts); describe only.
    name: 'EventWhoRelation',
    prefix: null,
    plural: 'Event Who Relations',
    owner: false,
    queryableOnly: true,
    createable: false,
    fields: [
      ['EventId', 'reference', { ...ro, ...ref(['Event'], 'Event', null) }],
      ['RelationId', 'reference', { ...ro, ...ref(['Contact', 'Lead'], 'Relation', null), polymorphic: true }],
      ['Type', 'string', text(50, ro)]
    ]
  },
  {
    name: 'Task',
    prefix: '00T',
    plural: 'Tasks',
    owner: ['Group', 'User'],
    fields: [
      ...activityFields('Task'),
      [
        'Status',
        'picklist',
        text(40, {
          required: true,
          picklist: picklist(
            ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
            'Not Started'
          ),
          defaultValue: 'Not Started'
        })
      ],
      [
        'Priority',
        'picklist',
        text(40, { required: true, picklist: picklist(['High', 'Normal', 'Low'], 'Normal'), defaultValue: 'Normal' })
      ],
      ['IsClosed', 'boolean', { ...ro, calculated: true }],
      ['TaskSubtype', 'picklist', text(40, { picklist: picklist(['Task', 'Email', 'Call']) })],
      ['CallDurationInSeconds', 'integer', { precision: 8 }],
      ['CallType', 'picklist', text(40, { picklist: picklist(['Internal', 'Inbound', 'Outbound']) })],
      ['CompletedDateTime', 'datetime', ro]
    ]
  },
  {
    name: 'User',
    prefix: '005',
    plural: 'Users',
    owner: false,
    setup: true,
    fields: [
      ['Username', 'string', text(80, { required: true, unique: true, idLookup: true })],
      ['FirstName', 'string', text(40)],
      ['LastName', 'string', text(80, { required: true })],
      ['Name', 'string', text(121, { ...ro, calculated: true })],
      ['Email', 'email', text(128, { required: true })],
      ['Alias', 'string', text(8, { required: true })],
      ['CommunityNickname', 'string', text(40, { unique: true, idLookup: true })],
      ['Title', 'string', text(80)],
      ['Department', 'string', text(80)],
      ['CompanyName', 'string', text(80)],
      ['Phone', 'phone', text(40)],
      ['MobilePhone', 'phone', text(40)],
      ['IsActive', 'boolean', { defaultValue: true }],
      ['TimeZoneSidKey', 'picklist', text(40, { required: true })],
      ['LocaleSidKey', 'picklist', text(40, { required: true })],
      ['EmailEncodingKey', 'picklist', text(40, { required: true })],
      ['LanguageLocaleKey', 'picklist', text(40, { required: true })],
      ['FederationIdentifier', 'string', text(512)],
      [
        'UserType',
        'picklist',
        text(40, { ...ro, picklist: picklist(['Standard', 'PowerPartner', 'CsnOnly', 'Guest']) })
      ],
      ['ProfileId', 'reference', { ...ref(['Profile'], 'Profile', 'Users'), required: true }],
      ['UserRoleId', 'reference', ref(['UserRole'], 'UserRole', null)],
      ['ManagerId', 'reference', ref(['User'], 'Manager', null)]
    ]
  },
  {
    name: 'Profile',
    prefix: '00e',
    plural: 'Profiles',
    owner: false,
    setup: true,
    createable: false,
    fields: [
      ['Name', 'string', text(255, { required: true })],
      ['Description', 'string', text(255)],
      ['UserType', 'picklist', text(40, { ...ro, picklist: picklist(['Standard', 'PowerPartner', 'Guest']) })]
    ]
  },
  {
    name: 'UserRole',
    prefix: '00E',
    plural: 'Roles',
    label: 'Role',
    owner: false,
    setup: true,
    fields: [
      ['Name', 'string', text(80, { required: true })],
      ['DeveloperName', 'string', text(80)],
      ['ParentRoleId', 'reference', ref(['UserRole'], 'ParentRole', null)]
    ]
  },
  {
    name: 'Organization',
    prefix: '00D',
    plural: 'Organizations',
    owner: false,
    setup: true,
    createable: false,
    fields: [
      ['Name', 'string', text(80, ro)],
      ['Division', 'string', text(80, ro)],
      ['OrganizationType', 'string', text(40, ro)],
      ['InstanceName', 'string', text(5, ro)],
      ['IsSandbox', 'boolean', ro],
      ['NamespacePrefix', 'string', text(15, ro)],
      ['TimeZoneSidKey', 'picklist', text(40, ro)],
      ['LanguageLocaleKey', 'picklist', text(40, ro)],
      ['DefaultLocaleSidKey', 'picklist', text(40, ro)],
      ['Country', 'string', text(80, ro)]
    ]
  },
  {
    name: 'RecordType',
    prefix: '012',
    plural: 'Record Types',
    label: 'Record Type',
    owner: false,
    setup: true,
    createable: false,
    fields: [
      ['Name', 'string', text(80, { required: true })],
      ['DeveloperName', 'string', text(80, { required: true })],
      ['SobjectType', 'picklist', text(40, { required: true })],
      ['IsActive', 'boolean', { defaultValue: true }],
      ['Description', 'string', text(255)],
      ['NamespacePrefix', 'string', text(15, ro)]
    ]
  },
  {
    name: 'Group',
    prefix: '00G',
    plural: 'Groups',
    owner: false,
    setup: true,
    fields: [
      ['Name', 'string', text(40, { required: true })],
      ['DeveloperName', 'string', text(80)],
      [
        'Type',
        'picklist',
        text(40, { picklist: picklist(['Regular', 'Queue', 'Role', 'Organization']), defaultValue: 'Regular' })
      ],
      ['Email', 'email', text(255)]
    ]
  },
  {
    // The polymorphic relationship target behind Who, What and Owner [mem: field list].
    name: 'Name',
    prefix: null,
    plural: 'Names',
    owner: false,
    queryableOnly: true,
    createable: false,
    fields: [
      ['Name', 'string', text(255, ro)],
      ['Type', 'string', text(40, ro)],
      ['Email', 'email', text(128, ro)],
      ['FirstName', 'string', text(40, ro)],
      ['LastName', 'string', text(80, ro)],
      ['Alias', 'string', text(8, ro)],
      ['Title', 'string', text(128, ro)],
      ['Phone', 'phone', text(40, ro)],
      ['Username', 'string', text(80, ro)],
      ['IsActive', 'boolean', ro],
      ['ProfileId', 'reference', { ...ro, ...ref(['Profile'], 'Profile', null) }],
      ['UserRoleId', 'reference', { ...ro, ...ref(['UserRole'], 'UserRole', null) }]
    ]
  }
];
