// The Profiles tab: every sync profile in a table with Edit, Clone and Delete, and one form for New profile, edit and
// clone; the server's checks show next to each input and the deployment's progress after Save.
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getProfiles from '@salesforce/apex/SyncSettingsController.getProfiles';
import saveProfile from '@salesforce/apex/SyncSettingsController.saveProfile';
import cloneProfile from '@salesforce/apex/SyncSettingsController.cloneProfile';
import deleteProfile from '@salesforce/apex/SyncSettingsController.deleteProfile';
import type { ProfileView } from '@salesforce/apex/BookingSyncAdminController.getProfiles';
import type { ProfileInput, SaveResult } from '@salesforce/apex/SyncSettingsController.saveProfile';
import { errorMessage, problemsByInput } from 'c/settingsModel';
import {
  checkboxInputs,
  choiceInputs,
  inputOf,
  newProfile,
  textInputs,
  withValue,
  type CheckboxInput,
  type ChoiceInput,
  type FormMode,
  type TextInput
} from './profileForm';

interface InputEvent {
  target: HTMLElement;
  detail: { value?: string; checked?: boolean };
}

interface RowActionEvent {
  detail: { action: { name: string }; row: { name: string } };
}

const COLUMNS = [
  { label: 'Profile', fieldName: 'name' },
  { label: 'Label', fieldName: 'label' },
  { label: 'Page keys', fieldName: 'pageKeyText', wrapText: true },
  { label: 'Attendees become', fieldName: 'attendeeMode', initialWidth: 170 },
  { label: 'On cancel', fieldName: 'cancelAction', initialWidth: 130 },
  { label: 'Mappings', fieldName: 'mappingCount', type: 'number', initialWidth: 100 },
  {
    type: 'action',
    typeAttributes: {
      rowActions: [
        { label: 'Edit', name: 'edit' },
        { label: 'Clone', name: 'clone' },
        { label: 'Delete', name: 'delete' }
      ]
    }
  }
];

export default class SyncProfiles extends LightningElement {
  columns = COLUMNS;
  profiles: ProfileView[] = [];
  loadError = '';
  editing = false;
  mode: FormMode = 'create';
  form: ProfileInput = newProfile();
  sourceName = '';
  errors: Record<string, string> = {};
  jobId = '';

  connectedCallback(): void {
    this.load().catch((error: unknown) => {
      this.loadError = errorMessage(error);
    });
  }

  get rows(): (ProfileView & { pageKeyText: string; mappingCount: number })[] {
    return this.profiles.map((p) => ({
      ...p,
      pageKeyText: p.pageKeys.length ? p.pageKeys.join(', ') : '(fallback: bookings no other profile claims)',
      mappingCount: p.mappings.length
    }));
  }

  get formTitle(): string {
    if (this.mode === 'edit') return `Edit profile ${this.form.name}`;
    return this.mode === 'clone' ? `Clone profile ${this.sourceName} (with its mappings)` : 'New profile';
  }

  get textInputs(): TextInput[] {
    return textInputs(this.form, this.mode, this.errors);
  }

  get choiceInputs(): ChoiceInput[] {
    return choiceInputs(this.form, this.mode, this.errors);
  }

  get checkboxInputs(): CheckboxInput[] {
    return checkboxInputs(this.form, this.mode);
  }

  async load(): Promise<void> {
    try {
      this.profiles = await getProfiles();
      this.loadError = '';
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  handleNew(): void {
    this.open('create', newProfile());
  }

  async handleRowAction(event: RowActionEvent): Promise<void> {
    const profile = this.profiles.find((p) => p.name === event.detail.row.name);
    if (!profile) return;
    const action = event.detail.action.name;
    if (action === 'delete') {
      try {
        this.apply(await deleteProfile({ name: profile.name }), `Delete ${profile.name}`);
      } catch (error) {
        this.toast('Not deleted', errorMessage(error));
      }
      return;
    }
    this.sourceName = profile.name;
    if (action === 'clone') {
      this.open('clone', { ...newProfile(), name: `${profile.name}_Copy`, label: `${profile.label} (copy)` });
    } else {
      this.open('edit', inputOf(profile));
    }
  }

  handleInput(event: InputEvent): void {
    const name = event.target.dataset.input as keyof ProfileInput;
    const isCheckbox = (event.target as HTMLInputElement).type === 'checkbox';
    const value = isCheckbox ? event.detail.checked === true : (event.detail.value ?? '');
    this.form = withValue(this.form, name, value);
  }

  handleCancel(): void {
    this.editing = false;
    this.errors = {};
  }

  async handleSave(): Promise<void> {
    try {
      const result =
        this.mode === 'clone'
          ? await cloneProfile({ sourceName: this.sourceName, name: this.form.name, label: this.form.label ?? '' })
          : await saveProfile({ profile: this.form, isNew: this.mode === 'create' });
      this.apply(result, 'Save');
    } catch (error) {
      this.toast('Not saved', errorMessage(error));
    }
  }

  async handleDeployed(): Promise<void> {
    await this.load();
  }

  private open(mode: FormMode, form: ProfileInput): void {
    this.mode = mode;
    this.form = form;
    this.errors = {};
    this.editing = true;
  }

  private apply(result: SaveResult, what: string): void {
    this.errors = problemsByInput(result.problems);
    if (result.problems.length) {
      // Problems of inputs the form does not show (a protected profile, an unknown name) come as a toast.
      const shown = new Set<string>([...this.textInputs.map((i) => i.name), ...this.choiceInputs.map((i) => i.name)]);
      const elsewhere = result.problems.filter((p) => !this.editing || !shown.has(p.input as keyof ProfileInput));
      if (elsewhere.length) this.toast(`${what}: not done`, elsewhere.map((p) => p.message).join(' '));
      return;
    }
    this.editing = false;
    this.jobId = result.jobId ?? '';
  }

  private toast(title: string, message: string): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant: 'error' }));
  }
}
