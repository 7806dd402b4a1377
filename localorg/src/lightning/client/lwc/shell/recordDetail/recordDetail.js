// The record's fields, section by section as the page layout lists them (two columns), read through
// lightning/uiRecordApi and shown as Lightning's detail panel does: a lookup as the related record's name linking to
// its page, a checkbox as a checkbox, an email, phone or URL as a link, Created By as "name, date".
import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { describe } from 'localorg/report';
import { cellView } from './cellView';

export default class RecordDetail extends LightningElement {
  @api recordId;
  @api sections;
  record;
  error;

  get fields() {
    const names = new Set();
    for (const section of this.sections || []) {
      for (const cell of section.cells) if (cell) cell.paths.forEach((p) => names.add(p));
    }
    return [...names];
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
      cells: section.cells.map((cell, i) => cellView(cell, values, `${index}-${i}`))
    }));
  }
}
