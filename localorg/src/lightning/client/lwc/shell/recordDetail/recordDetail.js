// The record's fields, section by section as the page layout lists them, read through lightning/uiRecordApi.
import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { describe } from 'localorg/report';

export default class RecordDetail extends LightningElement {
  @api recordId;
  @api sections;
  record;
  error;

  get fields() {
    const names = [];
    for (const section of this.sections || []) {
      for (const field of section.fields) names.push(field.qualifiedName);
    }
    return names;
  }

  @wire(getRecord, { recordId: '$recordId', optionalFields: '$fields' })
  wiredRecord({ data, error }) {
    this.record = data;
    this.error = error ? describe(error) : undefined;
  }

  get view() {
    const values = (this.record && this.record.fields) || {};
    return (this.sections || []).map((section, index) => ({
      key: `section-${index}`,
      label: section.label,
      fields: section.fields.map((field) => {
        const entry = values[field.name];
        const shown = entry ? (entry.displayValue ?? entry.value) : null;
        return {
          key: field.name,
          label: field.label,
          value: shown === null || shown === undefined ? '' : String(shown)
        };
      })
    }));
  }
}
