/**
 * The HTML documents the shell serves: the page that boots the bundle, the build-progress page, and plain error
 * pages. Everything interpolated is escaped; the page configuration travels as JSON in a non-executed script tag.
 */
export const SLDS_CSS = '/assets/styles/salesforce-lightning-design-system.min.css';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside <script>: `<` never appears, so `</script>` cannot close the tag early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function document(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${SLDS_CSS}">
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

export function shellPage(title: string, config: unknown, entryUrl: string): string {
  return document(
    title,
    `<script type="application/json" id="localorg-page">${scriptJson(config)}</script>
<script type="module" src="${escapeHtml(entryUrl)}"></script>`,
    `<div id="localorg-root"><div class="slds-p-around_large slds-text-color_weak">Loading ${escapeHtml(title)}…</div></div>
<noscript>This page needs JavaScript.</noscript>`
  );
}

export function buildingPage(title: string, detail: string): string {
  return document(
    title,
    '<meta http-equiv="refresh" content="2">',
    `<div class="slds-p-around_large">
<div class="slds-card slds-p-around_medium">
<h1 class="slds-text-heading_medium">Preparing the Lightning app</h1>
<p class="slds-m-top_small">localorg is compiling the project's components with the LWC compiler (once per change of
sources; later starts reuse the cached bundle). This page reloads by itself.</p>
<div class="slds-progress-bar slds-m-top_medium" role="progressbar"><span class="slds-progress-bar__value" style="width: ${progressWidth(detail)}"></span></div>
<p class="slds-m-top_small slds-text-color_weak" data-id="build-progress">${escapeHtml(detail)}</p>
</div></div>`
  );
}

function progressWidth(detail: string): string {
  const m = /(\d+)%/.exec(detail);
  return m ? `${m[1]}%` : '10%';
}

export function errorPage(title: string, message: string): string {
  return document(
    title,
    '',
    `<div class="slds-p-around_large">
<div class="slds-notify slds-notify_alert slds-alert_error" role="alert" data-id="page-error">
<h2>${escapeHtml(title)}</h2>
</div>
<div class="slds-card slds-p-around_medium slds-m-top_small"><pre style="white-space: pre-wrap">${escapeHtml(message)}</pre></div>
</div>`
  );
}
