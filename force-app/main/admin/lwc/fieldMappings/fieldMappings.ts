// The Mappings tab: a profile's field mappings in a table, a form to create or edit one (object, field from describe,
// value with tokens, only if empty, when it applies), the server's checks shown next to each input, deployment
// progress after Save, and "Try it", which shows what each mapping would write for a booking without writing it.
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getProfiles from '@salesforce/apex/SyncSettingsController.getProfiles';
import getFields from '@salesforce/apex/SyncSettingsController.getFields';
import getTokens from '@salesforce/apex/SyncSettingsController.getTokens';
import saveMapping from '@salesforce/apex/SyncSettingsController.saveMapping';
import deleteMapping from '@salesforce/apex/SyncSettingsController.deleteMapping';
import tryIt from '@salesforce/apex/SyncSettingsController.tryIt';
import type { MappingView, ProfileView } from '@salesforce/apex/BookingSyncAdminController.getProfiles';
import type { Option } from '@salesforce/apex/SyncSettingsController.getFields';
import type { MappingInput } from '@salesforce/apex/SyncSettingsController.saveMapping';
import type { SaveResult } from '@salesforce/apex/SyncSettingsController.saveProfile';
import type { TryRow } from '@salesforce/apex/SyncSettingsController.tryIt';
import {
  OBJECT_CHOICES,
  errorMessage,
  insertToken,
  phaseChoices,
  phaseLabel,
  problemsByInput,
  type Choice
} from 'c/settingsModel';

interface ValueEvent {
  detail: { value?: string; checked?: boolean };
}

interface RowActionEvent {
  detail: { action: { name: string }; row: { name: string } };
}

const MAPPING_COLUMNS = [
  { label: 'Object', fieldName: 'targetObject', initialWidth: 100 },
  { label: 'Field', fieldName: 'targetField' },
  { label: 'When', fieldName: 'when', initialWidth: 160 },
  { label: 'Value', fieldName: 'value', wrapText: true },
  { label: 'Only if empty', fieldName: 'onlyIfEmpty', type: 'boolean', initialWidth: 120 },
  { label: 'Active', fieldName: 'isActive', type: 'boolean', initialWidth: 80 },
  {
    type: 'action',
    typeAttributes: {
      rowActions: [
        { label: 'Edit', name: 'edit' },
        { label: 'Delete', name: 'delete' }
      ]
    }
  }
];

const TRY_COLUMNS = [
  { label: 'Field', fieldName: 'target' },
  { label: 'When', fieldName: 'when', initialWidth: 160 },
  { label: 'Value it would get', fieldName: 'value', wrapText: true },
  { label: 'Note', fieldName: 'note', wrapText: true }
];

function emptyForm(profileName: string): MappingInput {
  return {
    name: null,
    profileName,
    targetObject: 'Event',
    targetField: '',
    value: '',
    onlyIfEmpty: false,
    phase: 'booking',
    isActive: true
  };
}

export default class FieldMappings extends LightningElement {
  mappingColumns = MAPPING_COLUMNS;
  tryColumns = TRY_COLUMNS;
  objectOptions: Choice[] = OBJECT_CHOICES;

  profiles: ProfileView[] = [];
  profileName = 'Default';
  loadError = '';

  editing = false;
  form: MappingInput = emptyForm('Default');
  fieldOptions: Option[] = [];
  tokenOptions: Option[] = [];
  tokenChoice = '';
  errors: Record<string, string> = {};
  saving = false;
  jobId = '';

  trying = false;
  tryPayload = '';
  tryLogId = '';
  tryRows: (TryRow & { when: string })[] = [];
  tryError = '';

  connectedCallback(): void {
    this.load().catch((error: unknown) => {
      this.loadError = errorMessage(error);
    });
  }

  get profileOptions(): Choice[] {
    return this.profiles.map((p) => ({ label: p.label === p.name ? p.name : `${p.label} (${p.name})`, value: p.name }));
  }

  get mappingRows(): (MappingView & { when: string; onlyIfEmpty: boolean })[] {
    const profile = this.profiles.find((p) => p.name === this.profileName);
    return (profile?.mappings ?? []).map((m) => ({
      ...m,
      when: phaseLabel(m.phase, m.targetObject),
      onlyIfEmpty: m.writeWhen === 'OnlyIfEmpty'
    }));
  }

  get hasMappings(): boolean {
    return this.mappingRows.length > 0;
  }

  get phaseOptions(): Choice[] {
    return phaseChoices(this.form.targetObject);
  }

  get formTitle(): string {
    return this.form.name ? `Edit mapping ${this.form.name}` : `New mapping for ${this.profileName}`;
  }

  get hasTryRows(): boolean {
    return this.tryRows.length > 0;
  }

  get objectClass(): string {
    return this.inputClass('object');
  }
  get phaseClass(): string {
    return this.inputClass('phase');
  }
  get fieldClass(): string {
    return this.inputClass('field');
  }
  get valueClass(): string {
    return this.inputClass('value');
  }

  async load(): Promise<void> {
    try {
      this.profiles = await getProfiles();
      if (!this.profiles.some((p) => p.name === this.profileName) && this.profiles.length) {
        this.profileName = this.profiles[0].name;
      }
      this.loadError = '';
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  handleProfileChange(event: ValueEvent): void {
    this.profileName = event.detail.value ?? this.profileName;
    this.editing = false;
    this.tryRows = [];
  }

  async handleNew(): Promise<void> {
    await this.openForm(emptyForm(this.profileName));
  }

  async handleRowAction(event: RowActionEvent): Promise<void> {
    const mapping = this.mappingRows.find((m) => m.name === event.detail.row.name);
    if (!mapping) return;
    if (event.detail.action.name === 'delete') {
      await this.handleSaveResult(await deleteMapping({ name: mapping.name }), 'Deleting the mapping');
      return;
    }
    await this.openForm({
      name: mapping.name,
      profileName: this.profileName,
      targetObject: mapping.targetObject ?? 'Event',
      targetField: mapping.targetField ?? '',
      value: mapping.value ?? '',
      onlyIfEmpty: mapping.writeWhen === 'OnlyIfEmpty',
      phase: mapping.phase ?? 'booking',
      isActive: mapping.isActive
    });
  }

  async handleObjectChange(event: ValueEvent): Promise<void> {
    const targetObject = event.detail.value ?? 'Event';
    this.form = { ...this.form, targetObject, targetField: '', phase: phaseChoices(targetObject)[0]?.value ?? '' };
    await this.loadFields();
  }

  async handlePhaseChange(event: ValueEvent): Promise<void> {
    this.form = { ...this.form, phase: event.detail.value ?? '' };
    await this.loadFields();
  }

  handleFieldChange(event: ValueEvent): void {
    this.form = { ...this.form, targetField: event.detail.value ?? '' };
  }

  handleValueChange(event: ValueEvent): void {
    this.form = { ...this.form, value: event.detail.value ?? '' };
  }

  handleTokenPick(event: ValueEvent): void {
    const token = event.detail.value ?? '';
    if (!token) return;
    const input = this.template?.querySelector<HTMLInputElement>('[data-input="value"]');
    const caret = typeof input?.selectionStart === 'number' ? input.selectionStart : null;
    this.form = { ...this.form, value: insertToken(this.form.value, token, caret).value };
    // The picker is an action, not a setting: it goes back to its placeholder.
    this.tokenChoice = '';
  }

  handleOnlyIfEmptyChange(event: ValueEvent): void {
    this.form = { ...this.form, onlyIfEmpty: event.detail.checked === true };
  }

  handleActiveChange(event: ValueEvent): void {
    this.form = { ...this.form, isActive: event.detail.checked === true };
  }

  handleCancel(): void {
    this.editing = false;
    this.errors = {};
  }

  async handleSave(): Promise<void> {
    this.saving = true;
    try {
      await this.handleSaveResult(
        await saveMapping({ mapping: { ...this.form, profileName: this.profileName } }),
        'Saving the mapping'
      );
    } catch (error) {
      this.toast('Not saved', errorMessage(error), 'error');
    } finally {
      this.saving = false;
    }
  }

  async handleDeployed(): Promise<void> {
    await this.load();
  }

  /** "Try it" opens the panel and runs the sample booking at once; the panel then tries other bookings. */
  async handleOpenTry(): Promise<void> {
    this.trying = true;
    await this.handleTry();
  }

  handleTryPayloadChange(event: ValueEvent): void {
    this.tryPayload = event.detail.value ?? '';
  }

  handleTryLogChange(event: ValueEvent): void {
    this.tryLogId = event.detail.value ?? '';
  }

  async handleTry(): Promise<void> {
    try {
      const rows = await tryIt({
        profileName: this.profileName,
        payload: this.tryPayload.trim() || null,
        logId: this.tryLogId.trim() || null
      });
      this.tryRows = rows.map((r) => ({ ...r, when: phaseLabel(r.phase, r.target.split('.')[0]) }));
      this.tryError = rows.length ? '' : 'This profile has no active mappings to try.';
    } catch (error) {
      this.tryRows = [];
      this.tryError = errorMessage(error);
    }
  }

  private async openForm(form: MappingInput): Promise<void> {
    this.form = form;
    this.errors = {};
    this.editing = true;
    if (!this.tokenOptions.length) {
      try {
        this.tokenOptions = await getTokens();
      } catch (error) {
        this.loadError = errorMessage(error);
      }
    }
    await this.loadFields();
  }

  private async loadFields(): Promise<void> {
    try {
      this.fieldOptions = await getFields({ objectName: this.form.targetObject, phase: this.form.phase });
    } catch (error) {
      this.fieldOptions = [];
      this.errors = { ...this.errors, field: errorMessage(error) };
    }
  }

  private async handleSaveResult(result: SaveResult, what: string): Promise<void> {
    this.errors = problemsByInput(result.problems);
    if (result.problems.length) {
      const unplaced = result.problems.filter(
        (p) => !['object', 'phase', 'field', 'value', 'profile'].includes(p.input)
      );
      if (unplaced.length) this.toast(`${what} failed`, unplaced.map((p) => p.message).join(' '), 'error');
      return;
    }
    this.editing = false;
    this.jobId = result.jobId ?? '';
    await Promise.resolve();
  }

  private inputClass(input: string): string {
    return `slds-col slds-size_1-of-3 slds-form-element${this.errors[input] ? ' slds-has-error' : ''}`;
  }

  private toast(title: string, message: string, variant: 'success' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
