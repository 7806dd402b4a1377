// The link provider Lightning's container registers for base components: lightning-formatted-lookup (and others that
// call lightning/routingService getLinkInfo) ask it for a page reference's URL and a click handler that navigates.
import { LinkInfo, registerLinkProvider } from 'lightning/routingService';
import { urlOf } from 'lightning/navigation';

export function installLinkProvider(root) {
  registerLinkProvider(root, (event) => {
    const { stateRef, callback } = event.detail || {};
    if (!callback) return;
    event.stopPropagation();
    let url;
    try {
      // Base components describe the page as {stateType, attributes, state}; a page reference names it `type`.
      // lightning-formatted-url asks for its own URL as `standard_webPage` (routingService urlTypes.standard).
      const ref = stateRef || {};
      const type = ref.type || ref.stateType;
      url = urlOf({
        type: type === 'standard_webPage' ? 'standard__webPage' : type,
        attributes: ref.attributes,
        state: ref.state
      });
    } catch (error) {
      callback(error);
      return;
    }
    const dispatcher = (clickEvent) => {
      if (clickEvent && (clickEvent.metaKey || clickEvent.ctrlKey || clickEvent.shiftKey || clickEvent.button === 1)) {
        return;
      }
      if (clickEvent) clickEvent.preventDefault();
      window.location.assign(url);
    };
    callback(null, new LinkInfo(url, dispatcher));
  });
}
