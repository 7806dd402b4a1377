// lightning/uiRecordApi: getRecord (wire), updateRecord, createRecord, deleteRecord, getFieldValue,
// getFieldDisplayValue and notifyRecordUpdateAvailable, over the server's UI API for records. Record changes made
// here refresh every getRecord wire of the same record, as Lightning Data Service does.
const live = new Set();

function fieldName(field) {
  return typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined
  });
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const failure = { status: response.status, statusText: response.statusText, ok: false, body: payload };
    throw failure;
  }
  return payload;
}

function refreshRecord(recordId) {
  for (const adapter of live) {
    if (adapter.config && adapter.config.recordId === recordId) adapter.fetch();
  }
}

export class getRecord {
  constructor(callback) {
    this.callback = callback;
    this.config = undefined;
  }

  connect() {
    live.add(this);
    if (this.config) this.fetch();
  }

  disconnect() {
    live.delete(this);
  }

  update(config) {
    this.config = config;
    if (live.has(this)) this.fetch();
  }

  fetch() {
    const { recordId, fields = [], optionalFields = [], layoutTypes } = this.config || {};
    if (!recordId) return;
    const query = new URLSearchParams();
    const list = (v) => (Array.isArray(v) ? v : [v]).map(fieldName).join(',');
    if (fields.length) query.set('fields', list(fields));
    if (optionalFields.length) query.set('optionalFields', list(optionalFields));
    if (layoutTypes) query.set('layoutTypes', [].concat(layoutTypes).join(','));
    call('GET', `/lightning/ui-api/records/${encodeURIComponent(recordId)}?${query}`).then(
      (data) => this.callback({ data: Object.freeze(data), error: undefined }),
      (error) => this.callback({ data: undefined, error })
    );
  }
}

export async function updateRecord(recordInput) {
  const fields = { ...(recordInput && recordInput.fields) };
  const id = fields.Id;
  if (!id) {
    const failure = { status: 400, ok: false, body: { message: 'updateRecord: fields.Id is required' } };
    throw failure;
  }
  delete fields.Id;
  const record = await call('PATCH', `/lightning/ui-api/records/${encodeURIComponent(id)}`, { fields });
  refreshRecord(record.id);
  return record;
}

export async function createRecord(recordInput) {
  return call('POST', '/lightning/ui-api/records', recordInput);
}

export async function deleteRecord(recordId) {
  await call('DELETE', `/lightning/ui-api/records/${encodeURIComponent(recordId)}`);
  refreshRecord(recordId);
}

export async function notifyRecordUpdateAvailable(items) {
  for (const item of items || []) refreshRecord(item.recordId);
}

function fieldOf(record, field) {
  const path = fieldName(field).split('.').slice(1);
  let node = record;
  for (let i = 0; i < path.length; i++) {
    const entry = node && node.fields ? node.fields[path[i]] : undefined;
    if (!entry) return undefined;
    if (i === path.length - 1) return entry;
    node = entry.value;
  }
  return undefined;
}

export function getFieldValue(record, field) {
  const entry = fieldOf(record, field);
  return entry ? entry.value : undefined;
}

export function getFieldDisplayValue(record, field) {
  const entry = fieldOf(record, field);
  return entry ? entry.displayValue : undefined;
}
