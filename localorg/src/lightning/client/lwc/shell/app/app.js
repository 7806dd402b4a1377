// The Lightning Experience frame: global header, the app's navigation bar from its CustomApplication and tabs, and the
// page body (a custom tab's component, a record page, or an object's home).
import { LightningElement, api } from 'lwc';

export default class App extends LightningElement {
  @api config;
  @api loaders;

  get app() {
    return this.config.app;
  }

  get page() {
    return this.config.page;
  }

  get tabs() {
    return this.app.tabs.map((tab) => ({
      ...tab,
      className: tab.active ? 'slds-context-bar__item slds-is-active' : 'slds-context-bar__item'
    }));
  }

  get isTab() {
    return this.page.kind === 'tab';
  }

  get isRecord() {
    return this.page.kind === 'record';
  }

  get isRelatedList() {
    return this.page.kind === 'relatedList';
  }

  get isObjectHome() {
    return this.page.kind === 'objectHome';
  }

  get isError() {
    return this.page.kind === 'error';
  }
}
