// Failures in the browser are shown on the page and sent to the server's log: a page never fails silently.
const BANNER_ID = 'localorg-error';

export function reportError(title, error) {
  const message = describe(error);
  showBanner(title, message);
  try {
    fetch('/lightning/_log', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, message, page: window.location.pathname })
    }).catch(() => undefined);
  } catch {
    // Reporting must never throw over the original failure.
  }
}

export function describe(error) {
  if (!error) return 'Unknown error';
  if (typeof error === 'string') return error;
  if (error.body && typeof error.body.message === 'string') return error.body.message;
  if (error.stack && error.message) return `${error.message}\n${error.stack.split('\n').slice(1, 4).join('\n')}`;
  return error.message || String(error);
}

function showBanner(title, message) {
  // eslint-disable-next-line @lwc/lwc/no-document-query -- the container's own banner, outside any component
  let banner = document.getElementById(BANNER_ID);
  if (!banner) {
    banner = document.createElement('div');
    banner.id = BANNER_ID;
    banner.className = 'slds-notify slds-notify_alert slds-alert_error';
    banner.setAttribute('role', 'alert');
    document.body.prepend(banner);
  }
  const heading = document.createElement('h2');
  heading.textContent = title;
  const detail = document.createElement('pre');
  detail.className = 'slds-text-align_left';
  detail.style.whiteSpace = 'pre-wrap';
  detail.textContent = message;
  banner.replaceChildren(heading, detail);
}

export function installErrorReporting() {
  window.addEventListener('error', (event) => reportError('This page has an error', event.error || event.message));
  window.addEventListener('unhandledrejection', (event) => reportError('This page has an error', event.reason));
}
