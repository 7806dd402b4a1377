// The profile form's inputs, built from a profile's values and the server's problems: every field of
// force-app/README's profile table, as text, choice or checkbox inputs.
import type { ProfileView } from '@salesforce/apex/BookingSyncAdminController.getProfiles';
import type { ProfileInput } from '@salesforce/apex/SyncSettingsController.saveProfile';
import { ATTENDEE_MODES, CANCEL_ACTIONS, OWNER_STRATEGIES, RELATE_TO, type Choice } from 'c/settingsModel';

export type FormMode = 'create' | 'edit' | 'clone';

export interface TextInput {
  name: keyof ProfileInput;
  label: string;
  type: string;
  value: string | number | undefined | null;
  disabled: boolean;
  help: string;
  error: string;
  className: string;
}

export interface ChoiceInput {
  name: keyof ProfileInput;
  label: string;
  value: string | undefined;
  options: Choice[];
  error: string;
  className: string;
}

export interface CheckboxInput {
  name: keyof ProfileInput;
  label: string;
  checked: boolean;
}

const NUMBER_FIELDS = new Set<keyof ProfileInput>([
  'syncWindowDays',
  'syncWindowAheadDays',
  'autoCompleteDelayMinutes'
]);
const CHECKBOX_FIELDS = new Set<keyof ProfileInput>([
  'checkExistingContact',
  'createContactUnderAccount',
  'ignoreGuests',
  'skipContactCreation',
  'createEvents',
  'changeRecordOwner',
  'skipInternalMeetings',
  'publishChanges'
]);

/** A new profile with the shipped Default's settings. */
export function newProfile(): ProfileInput {
  return {
    name: '',
    label: '',
    pageKeys: '',
    attendeeMode: 'Lead',
    checkExistingContact: true,
    createContactUnderAccount: false,
    ignoreGuests: false,
    skipContactCreation: false,
    createEvents: true,
    cancelAction: 'MarkCanceled',
    ownerStrategy: 'HostEmail',
    defaultOwnerUsername: '',
    changeRecordOwner: false,
    relateTo: 'BookingPage',
    syncWindowDays: null,
    syncWindowAheadDays: null,
    skipInternalMeetings: false,
    autoCompleteDelayMinutes: null,
    formDefaultFirstName: '',
    formDefaultLastName: '',
    formDefaultCompany: '',
    publishChanges: true
  };
}

/** The form values of an existing profile. */
export function inputOf(profile: ProfileView): ProfileInput {
  return {
    name: profile.name,
    label: profile.label,
    pageKeys: profile.pageKeys.join(', '),
    attendeeMode: profile.attendeeMode,
    checkExistingContact: profile.checkExistingContact,
    createContactUnderAccount: profile.createContactUnderAccount,
    ignoreGuests: profile.ignoreGuests,
    skipContactCreation: profile.skipContactCreation,
    createEvents: profile.createEvents,
    cancelAction: profile.cancelAction,
    ownerStrategy: profile.ownerStrategy,
    defaultOwnerUsername: profile.defaultOwnerUsername ?? '',
    changeRecordOwner: profile.changeRecordOwner,
    relateTo: profile.relateTo,
    syncWindowDays: profile.syncWindowDays ?? null,
    syncWindowAheadDays: profile.syncWindowAheadDays ?? null,
    skipInternalMeetings: profile.skipInternalMeetings === true,
    autoCompleteDelayMinutes: profile.autoCompleteDelayMinutes ?? null,
    formDefaultFirstName: profile.formDefaultFirstName ?? '',
    formDefaultLastName: profile.formDefaultLastName ?? '',
    formDefaultCompany: profile.formDefaultCompany ?? '',
    publishChanges: profile.publishChanges
  };
}

/** The form with one input changed; numbers become numbers (blank: null), checkboxes booleans. */
export function withValue(form: ProfileInput, name: keyof ProfileInput, value: string | boolean): ProfileInput {
  if (CHECKBOX_FIELDS.has(name)) return { ...form, [name]: value === true };
  if (NUMBER_FIELDS.has(name)) {
    const text = String(value).trim();
    return { ...form, [name]: text === '' ? null : Number(text) };
  }
  return { ...form, [name]: String(value) };
}

function cell(errors: Record<string, string>, name: string, width = 'slds-size_1-of-2'): string {
  return `slds-col ${width} slds-form-element${errors[name] ? ' slds-has-error' : ''}`;
}

export function textInputs(form: ProfileInput, mode: FormMode, errors: Record<string, string>): TextInput[] {
  const text = (name: keyof ProfileInput, label: string, help: string, type = 'text', disabled = false): TextInput => ({
    name,
    label,
    type,
    value: form[name] as string | number | null | undefined,
    disabled,
    help,
    error: errors[name] ?? '',
    className: cell(errors, name)
  });
  const inputs = [
    text(
      'name',
      'Profile name',
      'Letters, digits and single underscores; it cannot change later.',
      'text',
      mode === 'edit'
    ),
    text('label', 'Label', 'What admins read in lists.')
  ];
  if (mode === 'clone') return inputs;
  return [
    ...inputs,
    text('pageKeys', 'Page keys', 'Booking page keys this profile applies to, comma separated. Blank: the fallback.'),
    text('defaultOwnerUsername', 'Default owner username', 'Owner when no user has the host email.'),
    text(
      'syncWindowDays',
      'Sync window (days)',
      'Bookings that started longer ago are left alone. Blank: no limit.',
      'number'
    ),
    text(
      'syncWindowAheadDays',
      'Sync window ahead (days)',
      'Bookings that start further ahead are left alone. Blank: no limit.',
      'number'
    ),
    text(
      'autoCompleteDelayMinutes',
      'Auto-complete after (minutes)',
      'Booked Events are marked Completed this long after they end. Blank: never.',
      'number'
    ),
    ...formDefaultInputs(text)
  ];
}

/** The form and chat defaults of a new Lead (FormDefault*__c): what fills a field the submission leaves blank. */
function formDefaultInputs(text: (name: keyof ProfileInput, label: string, help: string) => TextInput): TextInput[] {
  const blank = 'Blank: a form or chat submission without it cannot create a Lead and is rejected.';
  return [
    text('formDefaultFirstName', 'Form Lead first name', `First name of a new Lead from a form or chat. ${blank}`),
    text('formDefaultLastName', 'Form Lead last name', `Last name of a new Lead from a form or chat. ${blank}`),
    text('formDefaultCompany', 'Form Lead company', `Company of a new Lead from a form or chat. ${blank}`)
  ];
}

export function choiceInputs(form: ProfileInput, mode: FormMode, errors: Record<string, string>): ChoiceInput[] {
  if (mode === 'clone') return [];
  const choice = (name: keyof ProfileInput, label: string, options: Choice[]): ChoiceInput => ({
    name,
    label,
    value: form[name] as string | undefined,
    options,
    error: errors[name] ?? '',
    className: cell(errors, name, 'slds-size_1-of-4')
  });
  return [
    choice('attendeeMode', 'Attendees become', ATTENDEE_MODES),
    choice('cancelAction', 'On cancel', CANCEL_ACTIONS),
    choice('ownerStrategy', 'Event owner', OWNER_STRATEGIES),
    choice('relateTo', 'Relate Events to', RELATE_TO)
  ];
}

export function checkboxInputs(form: ProfileInput, mode: FormMode): CheckboxInput[] {
  if (mode === 'clone') return [];
  const box = (name: keyof ProfileInput, label: string): CheckboxInput => ({
    name,
    label,
    checked: form[name] === true
  });
  return [
    box('checkExistingContact', 'Use an existing Contact before looking for a Lead'),
    box('createContactUnderAccount', 'Create new people as Contacts under the matching Account'),
    box('ignoreGuests', 'Ignore guests (only the primary attendee)'),
    box('skipContactCreation', 'Never create Leads or Contacts'),
    box('createEvents', 'Create Events'),
    box('changeRecordOwner', 'Existing Leads and Contacts get the booking owner'),
    box('skipInternalMeetings', 'Skip internal meetings (no Event when every attendee is a colleague)'),
    box('publishChanges', 'Tell the scheduler when a booked Event is changed in Salesforce (BookingChanged__e)')
  ];
}
