// The page's configuration, written by the server into <script type="application/json" id="localorg-page">: the
// running user (id, locale, time zone), the Lightning app's navigation and what the page shows.
let cached;

export function pageConfig() {
  if (!cached) {
    // eslint-disable-next-line @lwc/lwc/no-document-query -- the container reads its own page, outside any component
    const node = document.getElementById('localorg-page');
    cached = JSON.parse(node ? node.textContent : '{}');
  }
  return cached;
}
