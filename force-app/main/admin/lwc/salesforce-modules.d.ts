// Modules the platform provides at run time that neither `lwc` nor any installed package declares. The Apex modules
// mirror BookingSyncAdminController's @AuraEnabled signatures and the classes it returns (LogPage, SyncLogReplay.Result,
// SyncProfileView.Profile/Mapping); keep them in step with the Apex.
// Components import the shapes with `import type` (erased from the emitted JavaScript).
declare module '@salesforce/apex/BookingSyncAdminController.getLog' {
  /** A BookingSyncLog__c row as the controller selects it; fields that are blank are absent. */
  export interface LogRow {
    Id: string;
    Name?: string;
    CreatedDate: string;
    ChangeId__c?: string;
    BookingUid__c?: string;
    ChangeType__c?: string;
    Source__c?: string;
    OccurredAt__c?: string;
    Outcome__c?: string;
    ErrorCode__c?: string;
    ErrorMessage__c?: string;
    EventId__c?: string;
    WhoId__c?: string;
    Attempts__c?: number;
  }
  export interface OutcomeCount {
    outcome: string;
    count: number;
  }
  export interface LogPage {
    rows: LogRow[];
    counts: OutcomeCount[];
    truncated: boolean;
  }
  export default function getLog(params: {
    outcome: string | null;
    bookingUid: string | null;
    fromDate: string | null;
    toDate: string | null;
  }): Promise<LogPage>;
}

declare module '@salesforce/apex/BookingSyncAdminController.replay' {
  export interface ReplayResult {
    logId: string;
    changeId?: string;
    /** The engine's new outcome; absent when the row was not replayed. */
    outcome?: string;
    errorCode?: string;
    message?: string;
  }
  export default function replay(params: { logIds: string[] }): Promise<ReplayResult[]>;
}

declare module '@salesforce/apex/BookingSyncAdminController.getProfiles' {
  export interface MappingView {
    name: string;
    targetObject?: string;
    targetField?: string;
    fieldType?: string;
    value?: string;
    phase?: string;
    writeWhen?: string;
    isActive: boolean;
  }
  export interface ProfileView {
    name: string;
    label: string;
    pageKeys: string[];
    attendeeMode: string;
    ignoreGuests: boolean;
    skipContactCreation: boolean;
    checkExistingContact: boolean;
    createContactUnderAccount: boolean;
    createEvents: boolean;
    cancelAction: string;
    ownerStrategy: string;
    defaultOwnerUsername?: string;
    changeRecordOwner: boolean;
    relateTo: string;
    syncWindowDays?: number;
    syncWindowAheadDays?: number;
    skipInternalMeetings?: boolean;
    autoCompleteDelayMinutes?: number;
    formDefaultFirstName?: string;
    formDefaultLastName?: string;
    formDefaultCompany?: string;
    publishChanges: boolean;
    mappings: MappingView[];
  }
  export default function getProfiles(): Promise<ProfileView[]>;
}

declare module 'lightning/platformShowToastEvent' {
  export class ShowToastEvent extends CustomEvent<unknown> {
    constructor(toast: { title: string; message?: string; variant?: 'info' | 'success' | 'warning' | 'error' });
  }
}

// SyncSettingsController: profiles, mappings, deployments and webhook secrets (keep in step with the Apex).
declare module '@salesforce/apex/SyncSettingsController.getProfiles' {
  import type { ProfileView } from '@salesforce/apex/BookingSyncAdminController.getProfiles';
  export default function getProfiles(): Promise<ProfileView[]>;
}

declare module '@salesforce/apex/SyncSettingsController.saveProfile' {
  /** One problem of a form, next to its input (FieldMappingValidator.Problem). */
  export interface Problem {
    input: string;
    message: string;
  }
  /** SettingsSaveResult: the deployment job, or the problems that stopped it. */
  export interface SaveResult {
    jobId?: string;
    problems: Problem[];
  }
  /** ProfileEditor.ProfileInput. */
  export interface ProfileInput {
    name: string;
    label?: string;
    pageKeys?: string;
    attendeeMode?: string;
    checkExistingContact?: boolean;
    createContactUnderAccount?: boolean;
    ignoreGuests?: boolean;
    skipContactCreation?: boolean;
    createEvents?: boolean;
    cancelAction?: string;
    ownerStrategy?: string;
    defaultOwnerUsername?: string;
    changeRecordOwner?: boolean;
    relateTo?: string;
    syncWindowDays?: number | null;
    syncWindowAheadDays?: number | null;
    skipInternalMeetings?: boolean;
    autoCompleteDelayMinutes?: number | null;
    formDefaultFirstName?: string;
    formDefaultLastName?: string;
    formDefaultCompany?: string;
    publishChanges?: boolean;
  }
  export default function saveProfile(params: { profile: ProfileInput; isNew: boolean }): Promise<SaveResult>;
}

declare module '@salesforce/apex/SyncSettingsController.cloneProfile' {
  import type { SaveResult } from '@salesforce/apex/SyncSettingsController.saveProfile';
  export default function cloneProfile(params: {
    sourceName: string;
    name: string;
    label: string;
  }): Promise<SaveResult>;
}

declare module '@salesforce/apex/SyncSettingsController.deleteProfile' {
  import type { SaveResult } from '@salesforce/apex/SyncSettingsController.saveProfile';
  export default function deleteProfile(params: { name: string }): Promise<SaveResult>;
}

declare module '@salesforce/apex/SyncSettingsController.getFields' {
  /** MappingEditor.Option: a field (kind = its type) or a token (kind = its kind of value). */
  export interface Option {
    label: string;
    value: string;
    kind: string;
  }
  export default function getFields(params: { objectName: string; phase: string }): Promise<Option[]>;
}

declare module '@salesforce/apex/SyncSettingsController.getTokens' {
  import type { Option } from '@salesforce/apex/SyncSettingsController.getFields';
  export default function getTokens(): Promise<Option[]>;
}

declare module '@salesforce/apex/SyncSettingsController.saveMapping' {
  import type { SaveResult } from '@salesforce/apex/SyncSettingsController.saveProfile';
  /** MappingEditor.MappingInput. */
  export interface MappingInput {
    name: string | null;
    profileName: string;
    targetObject: string;
    targetField: string;
    value: string;
    onlyIfEmpty: boolean;
    phase: string;
    isActive: boolean;
  }
  export default function saveMapping(params: { mapping: MappingInput }): Promise<SaveResult>;
}

declare module '@salesforce/apex/SyncSettingsController.deleteMapping' {
  import type { SaveResult } from '@salesforce/apex/SyncSettingsController.saveProfile';
  export default function deleteMapping(params: { name: string }): Promise<SaveResult>;
}

declare module '@salesforce/apex/SyncSettingsController.tryIt' {
  /** MappingEditor.TryRow. */
  export interface TryRow {
    mapping: string;
    target: string;
    phase: string;
    value?: string;
    note?: string;
    ok: boolean;
  }
  export default function tryIt(params: {
    profileName: string;
    payload: string | null;
    logId: string | null;
  }): Promise<TryRow[]>;
}

declare module '@salesforce/apex/SyncSettingsController.getDeployment' {
  export interface Deployment {
    jobId: string;
    summary: string;
    status: string;
    done: boolean;
    errors: string[];
  }
  export default function getDeployment(params: { jobId: string }): Promise<Deployment>;
}

declare module '@salesforce/apex/SyncSettingsController.getWebhooks' {
  /** WebhookSecrets.Source: never carries the secret. */
  export interface WebhookSource {
    provider: string;
    label: string;
    secretSet: boolean;
    toleranceSeconds?: number;
    path: string;
  }
  export default function getWebhooks(): Promise<WebhookSource[]>;
}

declare module '@salesforce/apex/SyncSettingsController.saveWebhook' {
  import type { WebhookSource } from '@salesforce/apex/SyncSettingsController.getWebhooks';
  export default function saveWebhook(params: {
    provider: string;
    secret: string | null;
    toleranceSeconds: number | null;
  }): Promise<WebhookSource>;
}
