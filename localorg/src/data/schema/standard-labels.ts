/**
 * Field labels of the standard objects a typical integration package touches, as the Salesforce Field Reference
 * Guide lists them ("Field Label" column: Event, Contact, Lead; API 190.0–212.0 editions) and as record pages show
 * them: a lookup is labelled by its relationship ("Assigned To", "Contact Owner", "Created By"), not by its API name.
 * Labels the guide's excerpts did not show are [mem]; all are listed in localorg/FIDELITY.md. Fields missing here
 * keep the label made from their API name (types.ts labelFromName).
 */

/** Audit fields every object shares. */
const AUDIT: Record<string, string> = {
  CreatedById: 'Created By',
  CreatedDate: 'Created Date',
  LastModifiedById: 'Last Modified By',
  LastModifiedDate: 'Last Modified Date',
  SystemModstamp: 'System Modstamp',
  IsDeleted: 'Deleted'
};

const ACTIVITY: Record<string, string> = {
  OwnerId: 'Assigned To',
  WhoId: 'Name',
  WhatId: 'Related To',
  AccountId: 'Account',
  IsPrivate: 'Private',
  IsReminderSet: 'Reminder Set',
  ReminderDateTime: 'Reminder Date/Time',
  IsArchived: 'Archived',
  IsRecurrence: 'Create Recurring Series of Events'
};

export const FIELD_LABELS: Record<string, Record<string, string>> = {
  Event: {
    ...ACTIVITY,
    Id: 'Activity ID',
    IsAllDayEvent: 'All-Day Event',
    StartDateTime: 'Start',
    EndDateTime: 'End',
    ShowAs: 'Show Time As',
    ActivityDate: 'Due Date Only',
    ActivityDateTime: 'Due Date Time',
    DurationInMinutes: 'Duration',
    EndDate: 'End Date',
    EventSubtype: 'Event Subtype',
    IsChild: 'Is Child',
    IsGroupEvent: 'Is Group Event',
    GroupEventType: 'Group Event Type'
  },
  Task: {
    ...ACTIVITY,
    IsRecurrence: 'Create Recurring Series of Tasks',
    Id: 'Activity ID',
    ActivityDate: 'Due Date',
    IsClosed: 'Closed',
    TaskSubtype: 'Task Subtype',
    CallDurationInSeconds: 'Call Duration',
    CompletedDateTime: 'Completed Date/Time'
  },
  Contact: {
    Id: 'Contact ID',
    OwnerId: 'Contact Owner',
    AccountId: 'Account Name',
    ReportsToId: 'Reports To',
    Name: 'Full Name',
    Phone: 'Business Phone',
    MobilePhone: 'Mobile Phone',
    HasOptedOutOfEmail: 'Email Opt Out',
    DoNotCall: 'Do Not Call',
    LeadSource: 'Lead Source'
  },
  Lead: {
    Id: 'Lead ID',
    OwnerId: 'Lead Owner',
    Name: 'Full Name',
    Status: 'Lead Status',
    IsConverted: 'Converted',
    ConvertedAccountId: 'Converted Account',
    ConvertedContactId: 'Converted Contact',
    ConvertedOpportunityId: 'Converted Opportunity',
    HasOptedOutOfEmail: 'Email Opt Out',
    DoNotCall: 'Do Not Call',
    LeadSource: 'Lead Source',
    NumberOfEmployees: 'No. of Employees',
    MobilePhone: 'Mobile Phone'
  },
  Account: {
    Id: 'Account ID',
    OwnerId: 'Account Owner',
    Name: 'Account Name',
    ParentId: 'Parent Account',
    Type: 'Account Type',
    Phone: 'Account Phone',
    Fax: 'Account Fax',
    AccountNumber: 'Account Number',
    Site: 'Account Site',
    Rating: 'Account Rating',
    NumberOfEmployees: 'Employees'
  },
  Opportunity: {
    Id: 'Opportunity ID',
    OwnerId: 'Opportunity Owner',
    Name: 'Opportunity Name',
    AccountId: 'Account Name',
    StageName: 'Stage',
    IsClosed: 'Closed',
    IsWon: 'Won',
    Type: 'Opportunity Type',
    LeadSource: 'Lead Source'
  },
  User: {
    Id: 'User ID',
    Name: 'Full Name',
    IsActive: 'Active',
    ManagerId: 'Manager',
    ProfileId: 'Profile',
    UserRoleId: 'Role',
    CommunityNickname: 'Nickname',
    TimeZoneSidKey: 'Time Zone',
    LocaleSidKey: 'Locale',
    LanguageLocaleKey: 'Language',
    EmailEncodingKey: 'Email Encoding'
  }
};

/** The label of a standard field, or undefined when neither table names it. */
export function standardFieldLabel(objectName: string, fieldName: string): string | undefined {
  return FIELD_LABELS[objectName]?.[fieldName] ?? AUDIT[fieldName];
}
