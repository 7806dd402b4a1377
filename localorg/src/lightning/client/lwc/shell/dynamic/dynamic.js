// Renders one project component (`c/<name>`) by its loader, with the given public properties; a component that cannot
// load shows why, in place.
import { LightningElement, api } from 'lwc';
import { describe, reportError } from 'localorg/report';

export default class Dynamic extends LightningElement {
  @api loaders;
  @api component;
  @api props;
  ctor;
  error;

  connectedCallback() {
    const load = this.loaders && this.loaders[this.component];
    if (!load) {
      this.error = `Component ${this.component} is not part of this project's bundle.`;
      reportError('A component could not be shown', this.error);
      return;
    }
    load().then(
      (module) => {
        this.ctor = module.default;
      },
      (error) => {
        this.error = describe(error);
        reportError(`${this.component} could not load`, error);
      }
    );
  }

  get properties() {
    return this.props || {};
  }
}
