// One related list card of a record page (force:relatedListContainer / force:relatedListSingleContainer): its title
// with the count, the newest rows with their name linking to the record, and View All (the list's own page); on that
// page (`full`) the card lists up to 50 rows.
import { LightningElement, api, wire } from 'lwc';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { describe } from 'localorg/report';
import { relatedColumns, relatedRows } from './relatedRows';

const CARD_ROWS = 5;
const FULL_ROWS = 50;

export default class RelatedList extends LightningElement {
  @api recordId;
  @api objectApiName;
  @api list;
  @api full = false;
  data;
  error;

  get listId() {
    return this.list.id;
  }

  get fields() {
    const names = [this.list.nameField, ...this.list.columns.map((c) => c.name)];
    return names.map((n) => `${this.list.childObject}.${n}`);
  }

  get pageSize() {
    return this.full ? FULL_ROWS : CARD_ROWS;
  }

  @wire(getRelatedListRecords, {
    parentRecordId: '$recordId',
    relatedListId: '$listId',
    fields: '$fields',
    pageSize: '$pageSize'
  })
  wired({ data, error }) {
    this.data = data;
    this.error = error ? describe(error) : undefined;
  }

  get title() {
    return this.data ? `${this.list.label} (${this.data.count})` : this.list.label;
  }

  get columns() {
    return relatedColumns(this.list);
  }

  get rows() {
    return relatedRows(this.data, this.list);
  }

  get hasRows() {
    return this.rows.length > 0;
  }

  get showViewAll() {
    return !this.full && this.hasRows;
  }

  get viewAllUrl() {
    return `/lightning/r/${this.objectApiName}/${this.recordId}/related/${this.list.id}/view`;
  }
}
