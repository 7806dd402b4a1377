/**
 * What the published description of the standard objects (standard-catalog.ts) does not say and Apex code relies on:
 * key prefixes, which objects DML may not touch, picklist values, required and read-only fields, auto-numbers. All
 * from memory of the platform ([mem] in localorg/FIDELITY.md); a detail missing here leaves the catalogue's lenient
 * default (any text accepted, field writable, not required).
 */
import { picklist, type FieldDef } from './types.js';

/** Key prefixes of standard objects [mem]; other catalogued objects get a stable generated one. */
export const KEY_PREFIXES: Record<string, string> = {
  Account: '001',
  Note: '002',
  Contact: '003',
  User: '005',
  Opportunity: '006',
  Activity: '007',
  GroupMember: '011',
  RecordType: '012',
  Document: '015',
  Period: '026',
  Dashboard: '01Z',
  BusinessHours: '01m',
  ApexClass: '01p',
  ApexTrigger: '01q',
  Pricebook2: '01s',
  Product2: '01t',
  PricebookEntry: '01u',
  Asset: '02i',
  EmailMessage: '02s',
  QueueSobject: '03g',
  ProcessInstance: '04g',
  ContentWorkspace: '058',
  ApexPage: '066',
  ContentVersion: '068',
  ContentDocument: '069',
  ContentDocumentLink: '06A',
  ApexLog: '07L',
  ApexTestResult: '07M',
  AccountContactRelation: '07k',
  StaticResource: '081',
  CronJobDetail: '08a',
  CronTrigger: '08e',
  ServiceAppointment: '08p',
  ApexComponent: '099',
  Attachment: '00P',
  Report: '00O',
  Lead: '00Q',
  Task: '00T',
  Event: '00U',
  EmailTemplate: '00X',
  OpportunityContactRole: '00K',
  Organization: '00D',
  UserRole: '00E',
  Group: '00G',
  CaseComment: '00a',
  Profile: '00e',
  OpportunityLineItem: '00k',
  Folder: '00l',
  CampaignMember: '00v',
  Case: '500',
  Solution: '501',
  Entitlement: '550',
  Campaign: '701',
  AsyncApexJob: '707',
  ApexTestQueueItem: '709',
  Contract: '800',
  Order: '801',
  OrderItem: '802',
  ServiceContract: '810',
  FeedItem: '0D5',
  FeedComment: '0D7',
  CollaborationGroup: '0F9',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  PermissionSetGroup: '0PG',
  PermissionSetLicense: '0PL',
  Quote: '0Q0',
  QuoteLineItem: '0QL',
  Topic: '0TO',
  WorkOrder: '0WO',
  CustomPermission: '0CP',
  SetupEntityAccess: '0J0',
  ObjectPermissions: '110',
  FieldPermissions: '01k',
  UserLicense: '100',
  Holiday: '0C0',
  AuthSession: '0Ak',
  LoginHistory: '0Ya',
  Network: '0DB',
  Site: '0DM',
  ProcessDefinition: '04a',
  ProcessInstanceWorkitem: '04i'
};

/**
 * Objects Apex DML may not insert, update or delete ("DML operation INSERT not allowed on ApexClass") [mem]. They hold
 * setup or metadata the org maintains; localorg builds their rows from the project and the org's defaults.
 */
export const NOT_WRITABLE = [
  'ApexClass',
  'ApexComponent',
  'ApexLog',
  'ApexPage',
  'ApexTrigger',
  'AsyncApexJob',
  'CronJobDetail',
  'CronTrigger',
  'EntityDefinition',
  'EntityParticle',
  'FieldDefinition',
  'Organization',
  'Profile',
  'StaticResource',
  'UserLicense'
];

/** Objects that stay visible in tests without SeeAllData, as setup and metadata objects do [mem]. */
export const SETUP_OBJECTS = [
  'ApexClass',
  'ApexComponent',
  'ApexPage',
  'ApexTrigger',
  'AsyncApexJob',
  'BusinessHours',
  'CronJobDetail',
  'CronTrigger',
  'EntityDefinition',
  'EntityParticle',
  'FieldDefinition',
  'Group',
  'GroupMember',
  'PermissionSet',
  'PermissionSetAssignment',
  'QueueSobject',
  'StaticResource',
  'UserLicense'
];

const ro: Partial<FieldDef> = { createable: false, updateable: false };
const required: Partial<FieldDef> = { required: true, nillable: false };
const createOnly: Partial<FieldDef> = { required: true, nillable: false, updateable: false };
const pick = (values: string[], def?: string): Partial<FieldDef> => ({
  type: 'picklist',
  picklist: picklist(values, def),
  defaultValue: def ?? null
});
const autoNumber = (displayFormat: string): Partial<FieldDef> => ({
  ...ro,
  autoNumber: true,
  calculated: true,
  displayFormat,
  idLookup: true,
  nillable: false
});

/** Field details by object and field API name [mem]. */
export const FIELD_DETAILS: Record<string, Record<string, Partial<FieldDef>>> = {
  Account: {
    AccountSource: pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
    Ownership: pick(['Public', 'Private', 'Subsidiary', 'Other'])
  },
  Case: {
    CaseNumber: autoNumber('{00000000}'),
    Status: { ...pick(['New', 'Working', 'Escalated', 'Closed'], 'New'), required: true },
    Origin: pick(['Phone', 'Email', 'Web']),
    Priority: pick(['High', 'Medium', 'Low'], 'Medium'),
    Type: pick(['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other']),
    Reason: pick([
      'Installation',
      'Equipment Complexity',
      'Performance',
      'Breakdown',
      'Equipment Design',
      'Feedback',
      'Other'
    ]),
    IsClosed: { ...ro, calculated: true },
    ClosedDate: ro
  },
  Contract: {
    ContractNumber: autoNumber('{00000000}'),
    AccountId: required,
    Status: { ...pick(['Draft', 'In Approval Process', 'Activated'], 'Draft'), required: true },
    StatusCode: ro,
    EndDate: { ...ro, calculated: true }
  },
  Order: {
    OrderNumber: autoNumber('{00000000}'),
    Status: { ...pick(['Draft', 'Activated'], 'Draft'), required: true },
    EffectiveDate: required,
    StatusCode: ro,
    TotalAmount: ro
  },
  Solution: { SolutionNumber: autoNumber('{0000000000}'), SolutionName: required },
  Product2: {
    Name: required,
    Family: pick(['None']),
    IsActive: { defaultValue: false }
  },
  Pricebook2: { Name: required, IsStandard: ro, IsActive: { defaultValue: false } },
  PricebookEntry: {
    Pricebook2Id: createOnly,
    Product2Id: createOnly,
    UnitPrice: required,
    Name: ro,
    ProductCode: ro,
    IsActive: { defaultValue: false }
  },
  OpportunityLineItem: {
    OpportunityId: createOnly,
    Quantity: required,
    Name: ro,
    ProductCode: ro,
    ListPrice: ro,
    Subtotal: ro
  },
  Campaign: {
    Name: required,
    Status: pick(['Planned', 'In Progress', 'Completed', 'Aborted'], 'Planned'),
    Type: pick(['Advertisement', 'Email', 'Telemarketing', 'Banner Ads', 'Seminar / Conference', 'Public Relations']),
    NumberOfLeads: ro,
    NumberOfConvertedLeads: ro,
    NumberOfContacts: ro,
    NumberOfResponses: ro,
    NumberOfOpportunities: ro,
    NumberOfWonOpportunities: ro,
    AmountAllOpportunities: ro,
    AmountWonOpportunities: ro
  },
  CampaignMember: {
    CampaignId: createOnly,
    Status: pick(['Sent', 'Responded'], 'Sent'),
    HasResponded: ro,
    Name: ro,
    LeadOrContactId: ro,
    LeadOrContactOwnerId: ro,
    Type: ro
  },
  PermissionSet: { Name: required, Label: required, IsOwnedByProfile: ro, IsCustom: ro },
  PermissionSetAssignment: { AssigneeId: createOnly, PermissionSetId: createOnly },
  GroupMember: { GroupId: createOnly, UserOrGroupId: { ...createOnly, referenceTo: ['User', 'Group'] } },
  QueueSobject: { QueueId: createOnly, SobjectType: createOnly },
  ContentVersion: {
    ContentDocumentId: { updateable: false },
    VersionData: { createable: true, updateable: false },
    IsLatest: ro,
    VersionNumber: ro,
    ContentSize: ro,
    FileExtension: ro,
    FileType: ro,
    Checksum: ro
  },
  ContentDocument: { LatestPublishedVersionId: ro, Title: { updateable: true } },
  ContentDocumentLink: {
    ContentDocumentId: createOnly,
    LinkedEntityId: createOnly,
    ShareType: pick(['V', 'C', 'I'], 'V'),
    Visibility: pick(['AllUsers', 'InternalUsers', 'SharedUsers'], 'AllUsers')
  },
  BusinessHours: { Name: required }
};
