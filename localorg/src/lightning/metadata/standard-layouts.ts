/**
 * The page layouts a new org gives the standard objects a package touches ("Contact Layout", "Lead Layout", …), for
 * record pages of objects the project ships no layout for: the sections and two columns as Lightning shows them,
 * ending with System Information (Created By, Last Modified By) [mem: sections and field order; listed in
 * localorg/FIDELITY.md]. Fields the org's schema lacks are dropped by the page, never shown empty.
 */
import type { LayoutSection } from './record-page.js';

const SYSTEM: LayoutSection = section('System Information', ['CreatedById'], ['LastModifiedById']);

function section(label: string, left: string[], right: string[]): LayoutSection {
  const columns = [left, right].filter((c) => c.length > 0);
  return { label, fields: columns.flat(), columns };
}

const LAYOUTS: Record<string, LayoutSection[]> = {
  contact: [
    section(
      'Contact Information',
      ['OwnerId', 'Name', 'AccountId', 'Title', 'Department', 'Birthdate', 'ReportsToId', 'LeadSource'],
      ['Phone', 'HomePhone', 'MobilePhone', 'OtherPhone', 'Fax', 'Email', 'AssistantName', 'AssistantPhone']
    ),
    section('Additional Information', ['Description'], []),
    SYSTEM
  ],
  lead: [
    section(
      'Lead Information',
      ['OwnerId', 'Name', 'Company', 'Title', 'LeadSource', 'Industry', 'AnnualRevenue'],
      ['Phone', 'MobilePhone', 'Fax', 'Email', 'Website', 'Status', 'Rating', 'NumberOfEmployees']
    ),
    section('Additional Information', ['Description'], []),
    SYSTEM
  ],
  account: [
    section(
      'Account Information',
      ['OwnerId', 'Name', 'ParentId', 'AccountNumber', 'Site', 'Type', 'Industry', 'AnnualRevenue'],
      ['Rating', 'Phone', 'Fax', 'Website', 'NumberOfEmployees']
    ),
    section('Description Information', ['Description'], []),
    SYSTEM
  ],
  opportunity: [
    section(
      'Opportunity Information',
      ['OwnerId', 'Name', 'AccountId', 'Type', 'LeadSource'],
      ['CloseDate', 'StageName', 'Probability', 'Amount']
    ),
    section('Description Information', ['Description'], []),
    SYSTEM
  ],
  event: [
    section(
      'Calendar Details',
      ['OwnerId', 'Subject', 'WhoId', 'WhatId', 'Location'],
      ['IsAllDayEvent', 'StartDateTime', 'EndDateTime', 'ShowAs']
    ),
    section('Description Information', ['Description'], []),
    SYSTEM
  ],
  task: [
    section('Task Information', ['OwnerId', 'Subject', 'ActivityDate', 'Priority'], ['WhoId', 'WhatId', 'Status']),
    section('Description Information', ['Description'], []),
    SYSTEM
  ],
  user: [
    section(
      'User Detail',
      ['Name', 'Alias', 'Email', 'Username', 'CommunityNickname', 'Title', 'CompanyName', 'Department'],
      ['UserRoleId', 'ProfileId', 'IsActive', 'ManagerId', 'Phone', 'MobilePhone']
    ),
    SYSTEM
  ]
};

/** The standard layout's sections for `objectName`, or null for objects without one here. */
export function standardLayout(objectName: string): LayoutSection[] | null {
  return LAYOUTS[objectName.toLowerCase()] ?? null;
}
