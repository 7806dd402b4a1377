// lightning/navigation: NavigationMixin (Navigate, GenerateUrl) and CurrentPageReference for shell pages. Page
// references become the shell's URLs, which are the platform's own Lightning URLs.
import { pageConfig } from 'localorg/config';

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export function urlOf(pageReference) {
  const { type, attributes = {}, state = {} } = pageReference || {};
  let url;
  switch (type) {
    case 'standard__navItemPage':
      url = `/lightning/n/${encodeURIComponent(attributes.apiName)}`;
      break;
    case 'standard__recordPage':
      url = attributes.objectApiName
        ? `/lightning/r/${encodeURIComponent(attributes.objectApiName)}/${encodeURIComponent(attributes.recordId)}/${attributes.actionName || 'view'}`
        : `/lightning/r/${encodeURIComponent(attributes.recordId)}/${attributes.actionName || 'view'}`;
      break;
    case 'standard__objectPage':
      url = `/lightning/o/${encodeURIComponent(attributes.objectApiName)}/${attributes.actionName || 'home'}`;
      break;
    case 'standard__webPage':
      return attributes.url;
    default:
      throw new Error(`lightning/navigation: page reference type ${type} is not supported by localorg`);
  }
  const query = new URLSearchParams(state).toString();
  return query ? `${url}?${query}` : url;
}

export function NavigationMixin(Base) {
  return class extends Base {
    [Navigate](pageReference, replace) {
      const url = urlOf(pageReference);
      if (replace) window.location.replace(url);
      else window.location.assign(url);
    }

    [GenerateUrl](pageReference) {
      return Promise.resolve(urlOf(pageReference));
    }
  };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

/** Wire adapter: the current page's reference. */
export class CurrentPageReference {
  constructor(callback) {
    this.callback = callback;
  }

  connect() {
    this.callback(Object.freeze({ ...pageConfig().pageReference }));
  }

  update() {}

  disconnect() {}
}
