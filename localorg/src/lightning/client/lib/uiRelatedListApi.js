// lightning/uiRelatedListApi: getRelatedListRecords (wire) over the server's UI API for related lists
// (`/ui-api/related-list-records/{parentRecordId}/{relatedListId}`): `{records, count, pageSize, listReference}`.
function fieldName(field) {
  return typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
}

export class getRelatedListRecords {
  constructor(callback) {
    this.callback = callback;
    this.config = undefined;
    this.connected = false;
  }

  connect() {
    this.connected = true;
    if (this.config) this.fetch();
  }

  disconnect() {
    this.connected = false;
  }

  update(config) {
    this.config = config;
    if (this.connected) this.fetch();
  }

  fetch() {
    const { parentRecordId, relatedListId, fields = [], optionalFields = [], pageSize } = this.config || {};
    if (!parentRecordId || !relatedListId) return;
    const query = new URLSearchParams();
    const names = [...fields, ...optionalFields].map(fieldName);
    if (names.length) query.set('fields', names.join(','));
    if (pageSize) query.set('pageSize', String(pageSize));
    const url = `/lightning/ui-api/related-list-records/${encodeURIComponent(parentRecordId)}/${encodeURIComponent(relatedListId)}?${query}`;
    fetch(url, { credentials: 'same-origin' })
      .then(async (response) => {
        const body = await response.json().catch(() => null);
        if (!response.ok) {
          const failure = { status: response.status, statusText: response.statusText, ok: false, body };
          throw failure;
        }
        this.callback({ data: Object.freeze(body), error: undefined });
      })
      .catch((error) => this.callback({ data: undefined, error }));
  }
}
