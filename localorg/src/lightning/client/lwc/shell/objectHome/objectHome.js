// An object's home: its most recent records, each linking to its record page.
import { LightningElement, api } from 'lwc';

export default class ObjectHome extends LightningElement {
  @api page;

  get hasRecords() {
    return this.page.records.length > 0;
  }
}
