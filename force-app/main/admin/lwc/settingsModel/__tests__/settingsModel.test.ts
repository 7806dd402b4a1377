import { deploymentText, errorMessage, insertToken, phaseChoices, phaseLabel, problemsByInput } from 'c/settingsModel';

describe('settingsModel', () => {
  it('offers Event phases with new bookings first, and person phases for Contact and Lead', () => {
    expect(phaseChoices('Event')[0]).toEqual({ label: 'New booking', value: 'booking' });
    expect(
      phaseChoices('Lead')
        .slice(0, 2)
        .map((c) => c.value)
    ).toEqual(['contact-create', 'contact-update']);
    expect(phaseChoices('Account')).toEqual([]);
    expect(phaseLabel('no-show')).toBe('No-show');
    expect(phaseLabel('mystery')).toBe('mystery');
  });

  it('offers the form phases after the booking ones: person created or updated, and the Event of a form that books', () => {
    expect(phaseChoices('Event').map((c) => c.value)).toEqual([
      'booking',
      'reschedule',
      'cancel',
      'no-show',
      'complete',
      'form-booking'
    ]);
    expect(phaseChoices('Contact').map((c) => c.value)).toEqual([
      'contact-create',
      'contact-update',
      'cancel',
      'form-create',
      'form-update'
    ]);
    expect(phaseChoices('Lead')).toEqual(phaseChoices('Contact'));
    expect(phaseLabel('form-create')).toBe('Form creates the person');
    expect(phaseLabel('form-update')).toBe('Form updates the person');
    expect(phaseLabel('form-booking')).toBe('Form books a meeting');
  });

  it('names the cancel phase by what it writes: the Event kept, or the person whatever happens to the Event', () => {
    expect(phaseLabel('cancel')).toBe('Canceled (Event kept)');
    expect(phaseLabel('cancel', 'Event')).toBe('Canceled (Event kept)');
    expect(phaseLabel('cancel', 'Contact')).toBe('Booking canceled (Event kept or deleted)');
    expect(phaseLabel('cancel', 'Lead')).toBe('Booking canceled (Event kept or deleted)');
    expect(phaseLabel('contact-update', 'Lead')).toBe('Person updated');
  });

  it('groups problems by input', () => {
    expect(
      problemsByInput([
        { input: 'value', message: 'A.' },
        { input: 'field', message: 'B.' },
        { input: 'value', message: 'C.' }
      ])
    ).toEqual({ value: 'A. C.', field: 'B.' });
  });

  it('inserts a token at the caret, spaced from a word before it', () => {
    expect(insertToken('Hello', '{attendee.name}', null)).toEqual({ value: 'Hello {attendee.name}', caret: 21 });
    expect(insertToken('Hi !', '{attendee.name}', 3)).toEqual({ value: 'Hi {attendee.name}!', caret: 18 });
    expect(insertToken('', '{booking.uid}', 0)).toEqual({ value: '{booking.uid}', caret: 13 });
    expect(insertToken('(x)', '{utm.source}', 1)).toEqual({ value: '({utm.source}x)', caret: 13 });
  });

  it('says what a deployment is doing and lists its errors', () => {
    expect(deploymentText(null).variant).toBe('info');
    const base = { jobId: '0Af', summary: 'Create field mapping Event.Location of Default', errors: [] };
    expect(deploymentText({ ...base, status: 'Queued', done: false }).label).toMatch(/^Deploying/);
    expect(deploymentText({ ...base, status: 'Succeeded', done: true })).toEqual({
      label: 'Saved: Create field mapping Event.Location of Default.',
      variant: 'success',
      errors: []
    });
    const failed = deploymentText({ ...base, status: 'Failed', done: true, errors: ['Field mapping X: bad.'] });
    expect(failed.variant).toBe('error');
    expect(failed.errors).toEqual(['Field mapping X: bad.']);
    expect(deploymentText({ ...base, status: 'Canceled', done: true }).errors).toEqual(['Salesforce gave no reason.']);
  });

  it('reads Apex errors the way the platform shapes them', () => {
    expect(errorMessage({ body: { message: 'You need the permission set.' } })).toBe('You need the permission set.');
    expect(errorMessage({ body: [{ message: 'a' }, { message: 'b' }] })).toBe('a, b');
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(null)).toBe('Unknown error');
  });
});
