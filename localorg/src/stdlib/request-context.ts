/**
 * What Apex can learn about the request it runs in and the org around it: `System.Request` and `System.Quiddity`,
 * `System.UUID`, `System.URL` (the org's own URLs are localorg's, see FIDELITY.md), `System.OrgLimits` and
 * `System.Network`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';
import { ApexList, ApexMap, NativeObject, typeRef, type Value } from '../values/values.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const QUIDDITY = natives.defineEnum('System.Quiddity', [
  'ANONYMOUS',
  'AURA',
  'BATCH_ACS',
  'BATCH_APEX',
  'BATCH_CHUNK_PARALLEL',
  'BATCH_CHUNK_SERIAL',
  'BULK_API',
  'COMMERCE_INTEGRATION',
  'DISCOVERABLE_LOGIN',
  'EXTERNAL_SERVICE_CALLBACK',
  'FUNCTION_CALLBACK',
  'FUTURE',
  'INBOUND_EMAIL_SERVICE',
  'INVOCABLE_ACTION',
  'IOT',
  'PLATFORM_EVENT_PUBLISH_CALLBACK',
  'POST_INSTALL_SCRIPT',
  'QUEUEABLE',
  'QUICK_ACTION',
  'REMOTE_ACTION',
  'REST',
  'RUNTEST_ASYNC',
  'RUNTEST_DEPLOY',
  'RUNTEST_SYNC',
  'SCHEDULED',
  'SOAP',
  'SYNCHRONOUS',
  'TRANSACTION_FINALIZER_QUEUEABLE',
  'VF'
]);

/** The running transaction's Quiddity: what its starter set, else a test method's or a synchronous request's. */
export function quiddityOf(ctx: NativeContext): string {
  return ctx.quiddity ?? (ctx.runningTest ? 'RUNTEST_SYNC' : 'SYNCHRONOUS');
}

/** One request Id per transaction (a test method, a server request): kept with the transaction's test state. */
function requestId(ctx: NativeContext): string {
  const state = ctx.testState;
  return ((state['requestId'] as string | undefined) ??= randomBytes(16).toString('base64url').slice(0, 22));
}

natives.defineClass({
  name: 'System.Request',
  statics: {
    getcurrent: (ctx) => new NativeObject('system.request', { id: requestId(ctx) })
  },
  instance: {
    getrequestid: (_ctx, _a, self) => (self as NativeObject<{ id: string }>).state.id,
    getquiddity: (ctx) => QUIDDITY.value(quiddityOf(ctx))
  }
});

// ------------------------------------------------------------------------------------------------------------ UUID
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (text: string) => new NativeObject('system.uuid', { text: text.toLowerCase() });
const uuidText = (v: Value) => (v as NativeObject<{ text: string }>).state.text;

natives.defineClass({
  name: 'System.UUID',
  statics: {
    randomuuid: () => uuid(randomUUID()),
    fromstring: (ctx, args) => {
      const s = args[0];
      if (typeof s !== 'string' || !UUID_TEXT.test(s))
        return apexThrow('IllegalArgumentException', `Invalid UUID string: ${ctx.toApexString(s)}`);
      return uuid(s);
    }
  },
  instance: {
    tostring: (_c, _a, self) => uuidText(self),
    equals: (_c, args, self) =>
      args[0] instanceof NativeObject && args[0].nativeType === 'system.uuid' && uuidText(args[0]) === uuidText(self),
    hashcode: (_c, _a, self) => {
      let h = 0;
      for (const ch of uuidText(self)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
      return h;
    }
  }
});

// ------------------------------------------------------------------------------------------------------------- URL
/** The org's own host: localorg has no My Domain, so it answers with a fixed, recognisable one. */
export const ORG_DOMAIN = 'https://localorg.my.salesforce.com';

/** A URL and whether it was written without a path (`https://x.com`), which Java's form keeps without a slash. */
type UrlState = { url: URL; noPath: boolean };
const url = (u: URL, spec: string) =>
  new NativeObject<UrlState>('system.url', { url: u, noPath: !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*[/?#]/i.test(spec) });
const urlOf = (v: Value) => (v as NativeObject<UrlState>).state.url;

function parseUrl(spec: string, base?: URL): URL {
  try {
    return new URL(spec, base);
  } catch {
    return apexThrow('StringException', `Invalid URL: ${spec}`);
  }
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ftp:': 21 };

natives.defineClass({
  name: 'System.URL',
  construct: (_ctx, args) => {
    if (args.length === 1 && typeof args[0] === 'string') return url(parseUrl(args[0]), args[0]);
    if (args.length === 2 && args[0] instanceof NativeObject && typeof args[1] === 'string')
      return url(parseUrl(args[1], urlOf(args[0])), '//x/');
    if ((args.length === 3 || args.length === 4) && args.every((a) => typeof a === 'string' || typeof a === 'number')) {
      const [protocol, host] = args as [string, string];
      const port = args.length === 4 ? `:${String(args[2])}` : '';
      const file = String(args[args.length - 1]);
      const spec = `${protocol}://${host}${port}${file.startsWith('/') || file === '' ? '' : '/'}${file}`;
      return url(parseUrl(spec), spec);
    }
    return unsupported('URL', 'new', args);
  },
  statics: {
    getorgdomainurl: () => url(new URL(ORG_DOMAIN), ORG_DOMAIN),
    getsalesforcebaseurl: () => url(new URL(ORG_DOMAIN), ORG_DOMAIN),
    getcurrentrequesturl: () => url(new URL(ORG_DOMAIN), ORG_DOMAIN),
    getfilefieldurl: (_ctx, args) => unsupported('URL', 'getFileFieldURL', args)
  },
  instance: {
    getauthority: (_c, _a, self) => urlOf(self).host,
    getdefaultport: (_c, _a, self) => DEFAULT_PORTS[urlOf(self).protocol] ?? -1,
    getfile: (_c, _a, self) => urlOf(self).pathname + urlOf(self).search,
    gethost: (_c, _a, self) => urlOf(self).hostname,
    getpath: (_c, _a, self) => urlOf(self).pathname,
    getport: (_c, _a, self) => (urlOf(self).port === '' ? -1 : Number(urlOf(self).port)),
    getprotocol: (_c, _a, self) => urlOf(self).protocol.replace(/:$/, ''),
    getquery: (_c, _a, self) => (urlOf(self).search ? urlOf(self).search.slice(1) : null),
    getref: (_c, _a, self) => (urlOf(self).hash ? urlOf(self).hash.slice(1) : null),
    getuserinfo: (_c, _a, self) => {
      const u = urlOf(self);
      return u.username ? (u.password ? `${u.username}:${u.password}` : u.username) : null;
    },
    samefile: (_c, args, self) =>
      args[0] instanceof NativeObject && urlOf(args[0]).href.split('#')[0] === urlOf(self).href.split('#')[0],
    toexternalform: (_c, _a, self) => externalForm(self),
    tostring: (_c, _a, self) => externalForm(self)
  }
});

/** Java's `toExternalForm`: a URL written without a path keeps none (`https://x.com`, not WHATWG's `https://x.com/`). */
function externalForm(v: Value): string {
  const { url: u, noPath } = (v as NativeObject<UrlState>).state;
  return noPath && u.pathname === '/' ? u.href.replace(/\/(?=[?#]|$)/, '') : u.href;
}

// ------------------------------------------------------------------------------------------------------- OrgLimits
/** Org-wide limits with a Developer Edition's maxima; localorg consumes none of them, so every value is 0. */
const ORG_LIMITS: [string, number][] = [
  ['DailyApiRequests', 15000],
  ['DailyAsyncApexExecutions', 250000],
  ['DailyBulkApiBatches', 15000],
  ['DailyWorkflowEmails', 405],
  ['DataStorageMB', 5],
  ['FileStorageMB', 20],
  ['HourlyPublishedPlatformEvents', 50000],
  ['MassEmail', 10],
  ['SingleEmail', 15]
];

const orgLimit = (name: string, max: number) => new NativeObject('system.orglimit', { name, max });
type OrgLimitState = { name: string; max: number };

natives.defineClass({
  name: 'System.OrgLimits',
  statics: {
    getall: () =>
      new ApexList(
        typeRef('System.OrgLimit'),
        ORG_LIMITS.map(([n, m]) => orgLimit(n, m))
      ),
    getmap: () => {
      const m = new ApexMap(typeRef('String'), typeRef('System.OrgLimit'));
      for (const [n, max] of ORG_LIMITS) m.put(n, orgLimit(n, max));
      return m;
    }
  }
});

natives.defineClass({
  name: 'System.OrgLimit',
  instance: {
    getname: (_c, _a, self) => (self as NativeObject<OrgLimitState>).state.name,
    getlimit: (_c, _a, self) => (self as NativeObject<OrgLimitState>).state.max,
    getvalue: () => 0
  }
});

// --------------------------------------------------------------------------------------------------------- Network
/** The org has no Experience Cloud sites: the running user is always in the internal org, so every answer is null. */
const noSite = () => null;

natives.defineClass({
  name: 'System.Network',
  construct: () => new NativeObject('system.network', {}),
  statics: {
    getnetworkid: noSite,
    communitieslanding: noSite,
    forwardtoauthpage: noSite,
    getloginurl: noSite,
    getlogouturl: noSite,
    getselfregurl: noSite
  }
});
