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
    autoCompleteDelayMinutes?: number;
    mappings: MappingView[];
  }
  export default function getProfiles(): Promise<ProfileView[]>;
}

declare module 'lightning/platformShowToastEvent' {
  export class ShowToastEvent extends CustomEvent<unknown> {
    constructor(toast: { title: string; message?: string; variant?: 'info' | 'success' | 'warning' | 'error' });
  }
}
