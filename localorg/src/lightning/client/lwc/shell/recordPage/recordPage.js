// A record page: the highlights header, then the Lightning page's regions (or the page layout's sections when the
// project has no Lightning page for the object). Project components receive recordId and objectApiName.
import { LightningElement, api } from 'lwc';

function items(list, page) {
  return (list || []).map((item, index) => ({
    ...item,
    key: `${item.kind}-${index}`,
    isComponent: item.kind === 'component',
    isDetail: item.kind === 'detail',
    isUnsupported: item.kind === 'unsupported',
    isRelatedLists: item.kind === 'relatedLists',
    props:
      item.kind === 'component'
        ? { ...item.props, recordId: page.recordId, objectApiName: page.objectApiName }
        : undefined
  }));
}

export default class RecordPage extends LightningElement {
  @api page;
  @api loaders;

  get header() {
    return items(this.page.regions.header, this.page);
  }

  get main() {
    return items(this.page.regions.main, this.page);
  }

  get sidebar() {
    return items(this.page.regions.sidebar, this.page);
  }

  get hasSidebar() {
    return this.sidebar.length > 0;
  }

  get mainClass() {
    return this.hasSidebar ? 'slds-col slds-size_2-of-3' : 'slds-col slds-size_1-of-1';
  }
}
