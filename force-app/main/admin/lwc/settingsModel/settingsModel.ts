// Pure helpers shared by the admin app's settings components (profiles, mappings, webhooks, deployment status):
// choices the forms offer, problems grouped by form input, token insertion, and the words a deployment shows.
import type { Problem } from '@salesforce/apex/SyncSettingsController.saveProfile';
import type { Deployment } from '@salesforce/apex/SyncSettingsController.getDeployment';

export interface Choice {
  label: string;
  value: string;
}

export const OBJECT_CHOICES: Choice[] = [
  { label: 'Event', value: 'Event' },
  { label: 'Contact', value: 'Contact' },
  { label: 'Lead', value: 'Lead' }
];

const EVENT_PHASES: Choice[] = [
  { label: 'New booking', value: 'booking' },
  { label: 'Rescheduled', value: 'reschedule' },
  { label: 'Canceled (Event kept)', value: 'cancel' },
  { label: 'No-show', value: 'no-show' },
  { label: 'Completed', value: 'complete' }
];

const PERSON_PHASES: Choice[] = [
  { label: 'Person created', value: 'contact-create' },
  { label: 'Person updated', value: 'contact-update' },
  { label: 'Booking canceled (Event kept or deleted)', value: 'cancel' }
];

// Form and chat submissions (POST /v1/form-submissions) have their own phases, offered after the booking ones.
const FORM_EVENT_PHASES: Choice[] = [{ label: 'Form books a meeting', value: 'form-booking' }];

const FORM_PERSON_PHASES: Choice[] = [
  { label: 'Form creates the person', value: 'form-create' },
  { label: 'Form updates the person', value: 'form-update' }
];

/** When a mapping on this object can apply; the first one is the default (new bookings, new people). */
export function phaseChoices(objectName: string): Choice[] {
  if (objectName === 'Event') return [...EVENT_PHASES, ...FORM_EVENT_PHASES];
  return objectName === 'Contact' || objectName === 'Lead' ? [...PERSON_PHASES, ...FORM_PERSON_PHASES] : [];
}

/** A phase's label; `cancel` reads differently on a person (written whether the Event is kept or deleted). */
export function phaseLabel(phase: string | undefined, objectName?: string): string {
  const person = objectName === 'Contact' || objectName === 'Lead';
  const choices = person
    ? [...PERSON_PHASES, ...FORM_PERSON_PHASES, ...EVENT_PHASES, ...FORM_EVENT_PHASES]
    : [...EVENT_PHASES, ...PERSON_PHASES, ...FORM_EVENT_PHASES, ...FORM_PERSON_PHASES];
  return choices.find((c) => c.value === phase)?.label ?? phase ?? '';
}

export const ATTENDEE_MODES: Choice[] = [
  { label: 'Lead (existing Contact first, else Lead)', value: 'Lead' },
  { label: 'Contact', value: 'Contact' },
  { label: 'Contact under the matching Account', value: 'ContactUnderAccount' }
];
export const CANCEL_ACTIONS: Choice[] = [
  { label: 'Mark the Event canceled', value: 'MarkCanceled' },
  { label: 'Delete the Event', value: 'Delete' }
];
export const OWNER_STRATEGIES: Choice[] = [
  { label: 'User with the host email', value: 'HostEmail' },
  { label: 'Default owner', value: 'DefaultOwner' }
];
export const RELATE_TO: Choice[] = [
  { label: 'Booking page', value: 'BookingPage' },
  { label: 'Nothing', value: 'None' }
];

/** Problems keyed by form input; several problems of one input are joined. */
export function problemsByInput(problems: Problem[]): Record<string, string> {
  const byInput: Record<string, string> = {};
  for (const p of problems) byInput[p.input] = byInput[p.input] ? `${byInput[p.input]} ${p.message}` : p.message;
  return byInput;
}

/** Inserts a token at the caret (or at the end), with a space before it when it would touch a word. */
export function insertToken(value: string, token: string, caret: number | null): { value: string; caret: number } {
  const at = caret === null || caret < 0 || caret > value.length ? value.length : caret;
  const before = value.slice(0, at);
  const spacer = before.length > 0 && !/[\s({[]$/.test(before) ? ' ' : '';
  const next = before + spacer + token + value.slice(at);
  return { value: next, caret: at + spacer.length + token.length };
}

export interface DeploymentText {
  label: string;
  variant: 'info' | 'success' | 'error';
  errors: string[];
}

/** What the status line says about a deployment. */
export function deploymentText(deployment: Deployment | null): DeploymentText {
  if (!deployment || !deployment.done) {
    return { label: 'Deploying your change… Salesforce applies it in the background.', variant: 'info', errors: [] };
  }
  if (deployment.status === 'Succeeded') {
    return { label: `Saved: ${deployment.summary}.`, variant: 'success', errors: [] };
  }
  return {
    label: `Not saved (${deployment.status}): ${deployment.summary}.`,
    variant: 'error',
    errors: deployment.errors.length ? deployment.errors : ['Salesforce gave no reason.']
  };
}

/** The text of an Apex or JavaScript error as the platform shapes it (`body.message`, a body array, `message`). */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const body = (error as { body?: unknown }).body;
    if (Array.isArray(body)) {
      const messages = body
        .map((b) => (b && typeof b === 'object' ? (b as { message?: unknown }).message : undefined))
        .filter((m): m is string => typeof m === 'string');
      if (messages.length) return messages.join(', ');
    } else if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
      return (body as { message: string }).message;
    }
    if (typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  }
  return 'Unknown error';
}
