// Starts a shell page: error reporting, the toast bridge, then the shell component with the page's configuration.
import { createElement } from 'lwc';
import ShellApp from 'shell/app';
import Toast from 'lightning/toast';
import { pageConfig } from 'localorg/config';
import { installErrorReporting, reportError } from 'localorg/report';
import { TOAST_EVENT } from 'localorg/toastEvent';
import { installLinkProvider } from 'localorg/linkProvider';

export function start(loaders) {
  installErrorReporting();
  // `lightning/platformShowToastEvent` events bubble to the window; lightning/toast shows them. Toast.show dispatches
  // an event of the same name carrying `detail.toast`, which is its own and is left alone.
  window.addEventListener(TOAST_EVENT, (event) => {
    const detail = event.detail || {};
    if (detail.toast) return;
    Toast.show({
      label: detail.title,
      message: detail.message,
      messageLinks: detail.messageData,
      variant: detail.variant || 'info',
      mode: detail.mode || 'dismissible'
    });
  });
  try {
    const element = createElement('shell-app', { is: ShellApp });
    element.config = pageConfig();
    element.loaders = loaders;
    // eslint-disable-next-line @lwc/lwc/no-document-query -- the container mounts into its own page, outside any component
    const root = document.getElementById('localorg-root');
    installLinkProvider(root);
    root.replaceChildren(element);
  } catch (error) {
    reportError('The page could not start', error);
  }
}
