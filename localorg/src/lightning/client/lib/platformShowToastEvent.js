// lightning/platformShowToastEvent: the event a component dispatches to ask the container for a toast.
import { TOAST_EVENT } from 'localorg/toastEvent';

export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super(TOAST_EVENT, { bubbles: true, composed: true, cancelable: true, detail: { ...toast } });
  }
}
