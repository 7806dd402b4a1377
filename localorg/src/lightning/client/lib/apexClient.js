// @salesforce/apex/Class.method: a function that calls the @AuraEnabled method on the server, and a wire adapter
// (`.adapter`) for methods marked cacheable=true. Cacheable results are kept per parameters until refreshApex.
const cache = new Map();
const wiredInstances = new WeakMap();

function cacheKey(classname, method, params) {
  return `${classname}.${method}:${JSON.stringify(params || {})}`;
}

async function post(classname, method, params, wired) {
  let response;
  try {
    response = await fetch('/lightning/apex', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ classname, method, params: params || {}, wired })
    });
  } catch (e) {
    const failure = { status: 0, statusText: 'Network error', ok: false, body: { message: e.message } };
    throw failure;
  }
  const payload = await response.json().catch(() => ({ message: response.statusText }));
  if (!response.ok) {
    // The platform rejects with a fetch-response-like object whose body carries the message.
    const failure = { status: response.status, statusText: response.statusText, ok: false, headers: {}, body: payload };
    throw failure;
  }
  return payload.returnValue === undefined ? null : payload.returnValue;
}

function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze(value[key]);
  }
  return value;
}

function callCacheable(classname, method, params) {
  const key = cacheKey(classname, method, params);
  if (!cache.has(key)) {
    const pending = post(classname, method, params, true).then(deepFreeze);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return cache.get(key);
}

export function apexMethod(classname, method) {
  const invoke = (params) => post(classname, method, params, false);

  class ApexWireAdapter {
    constructor(callback) {
      this.callback = callback;
      this.config = undefined;
      this.connected = false;
    }

    connect() {
      this.connected = true;
      if (this.config) this.fetch(false);
    }

    disconnect() {
      this.connected = false;
    }

    update(config) {
      this.config = config || {};
      if (this.connected) this.fetch(false);
    }

    fetch(fresh) {
      const params = this.config || {};
      // The platform does not call while a reactive parameter is still undefined.
      if (Object.values(params).some((v) => v === undefined)) return Promise.resolve();
      if (fresh) cache.delete(cacheKey(classname, method, params));
      return callCacheable(classname, method, params).then(
        (data) => this.emit({ data, error: undefined }),
        (error) => this.emit({ data: undefined, error })
      );
    }

    emit(value) {
      wiredInstances.set(value, this);
      if (this.connected) this.callback(value);
    }
  }

  invoke.adapter = ApexWireAdapter;
  return invoke;
}

/** refreshApex(wiredValue): re-fetches the wire that provisioned `wiredValue`, bypassing the cache. */
export function refreshApex(wiredValue) {
  const instance = wiredValue && wiredInstances.get(wiredValue);
  if (!instance) return Promise.resolve(undefined);
  return instance.fetch(true);
}
