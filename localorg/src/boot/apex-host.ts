/**
 * The interpreter as the HTTP server sees it (the `ApexHost` seam in server/runtime-seams.ts, matched structurally):
 * REST resources and their verb methods, JSON (de)serialisation with Apex semantics, RestContext per request, static
 * calls, and uncaught-exception details in the platform's shape.
 */
import type { StdlibDataPlatform } from '../stdlib/data-org.js';
import { type RunningUser } from '../values/user.js';
import { describeFailure } from '../runtime/failures.js';
import type { Interpreter } from '../runtime/interpreter.js';
import { loadProject } from './project.js';
import {
  ApexBlob,
  ApexMap,
  type ApexObject,
  ApexTypeValue,
  typeRef,
  type TypeRef,
  type Value
} from '../values/values.js';

type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const VERBS: Record<string, Verb> = {
  httpget: 'GET',
  httppost: 'POST',
  httpput: 'PUT',
  httppatch: 'PATCH',
  httpdelete: 'DELETE'
};

export interface RestRequestInput {
  httpMethod: string;
  requestURI: string;
  resourcePath: string;
  remoteAddress: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  requestBody: Uint8Array | null;
}

export function loadApexProject(options: { sources: string[]; platform: StdlibDataPlatform; user?: RunningUser }) {
  const user = options.user ?? options.platform.user;
  const project = loadProject({
    sources: options.sources.length === 1 ? options.sources[0] : options.sources,
    platform: options.platform,
    user
  });
  return new ApexHostImpl(project.interp);
}

export class ApexHostImpl {
  constructor(readonly interp: Interpreter) {}

  restResources() {
    const out = [];
    for (const cls of this.interp.registry.top.values()) {
      const ann = cls.decl?.annotations.find((a) => a.name === 'restresource');
      if (!ann || !cls.decl) continue;
      const methods = [];
      for (const m of cls.decl.methods) {
        const verbAnn = m.annotations.find((a) => VERBS[a.name]);
        if (!verbAnn || !m.isStatic) continue;
        methods.push({
          verb: VERBS[verbAnn.name],
          methodName: m.display,
          parameters: m.params.map((p) => ({ name: p.display, type: p.type })),
          returnType: m.returnType ?? typeRef('void')
        });
      }
      out.push({ className: cls.display, urlMapping: String(ann.params['urlmapping'] ?? ''), methods });
    }
    return out;
  }

  deserializeJson(json: string, type: TypeRef): Value {
    const fn = this.interp.natives.classFor('json')?.statics?.['deserialize'];
    if (!fn) throw new Error('JSON.deserialize is not available');
    return this.interp.native(() => fn(this.interp, [json, new ApexTypeValue(type)], null));
  }

  serializeJson(value: Value): string {
    const fn = this.interp.natives.classFor('json')?.statics?.['serialize'];
    if (!fn) throw new Error('JSON.serialize is not available');
    return this.interp.toApexString(this.interp.native(() => fn(this.interp, [value], null)));
  }

  /** Each request is its own Apex transaction: fresh statics, then RestContext filled from the HTTP request. */
  withRestContext<T>(request: RestRequestInput, fn: () => T) {
    const it = this.interp;
    it.resetStatics();
    it.quiddity = 'REST';
    const ctxCls = it.registry.resolve('system.restcontext', null)!;
    const req = it.newObject('System.RestRequest', []) as ApexObject;
    const res = it.newObject('System.RestResponse', []) as ApexObject;
    const str = typeRef('String');
    const toMap = (r: Record<string, string>) => {
      const m = new ApexMap(str, str);
      for (const [k, v] of Object.entries(r)) m.put(k, v);
      return m;
    };
    req.fields.set('requestbody', request.requestBody ? new ApexBlob(request.requestBody) : null);
    req.fields.set('headers', toMap(request.headers));
    req.fields.set('params', toMap(request.params));
    req.fields.set('httpmethod', request.httpMethod);
    req.fields.set('remoteaddress', request.remoteAddress);
    req.fields.set('requesturi', request.requestURI);
    req.fields.set('resourcepath', request.resourcePath);
    it.setStatic(ctxCls, 'request', req);
    it.setStatic(ctxCls, 'response', res);
    const result = fn();
    const response = (it.getStatic(ctxCls, 'response') as ApexObject | null) ?? res;
    const headers: Record<string, string> = {};
    const hm = response.fields.get('headers');
    if (hm instanceof ApexMap)
      for (const [k, v] of hm.entries.values()) headers[this.interp.toApexString(k)] = this.interp.toApexString(v);
    const body = response.fields.get('responsebody');
    const status = response.fields.get('statuscode');
    return {
      result,
      response: {
        statusCode: typeof status === 'number' ? status : null,
        responseBody: body instanceof ApexBlob ? body.bytes : null,
        headers
      }
    };
  }

  /**
   * The static `@AuraEnabled` method `className.methodName` (case-insensitive), or null when there is none: what a
   * Lightning component may call through `@salesforce/apex/Class.method`.
   */
  auraEnabledMethod(className: string, methodName: string) {
    const cls = this.interp.registry.resolve(className.toLowerCase(), null);
    if (!cls?.decl) return null;
    const name = methodName.toLowerCase();
    for (const m of cls.decl.methods) {
      const ann = m.annotations.find((a) => a.name === 'auraenabled');
      if (!ann || !m.isStatic || m.display.toLowerCase() !== name) continue;
      const cacheable = ann.params['cacheable'];
      return {
        className: cls.display,
        methodName: m.display,
        parameters: m.params.map((p) => ({ name: p.display, type: p.type })),
        returnType: m.returnType ?? typeRef('void'),
        cacheable: cacheable === true || String(cacheable).toLowerCase() === 'true'
      };
    }
    return null;
  }

  /** Runs a static method as its own Apex transaction: statics start fresh, as for every Lightning action. */
  invokeInFreshContext(className: string, methodName: string, args: Value[]): Value {
    this.interp.resetStatics();
    this.interp.quiddity = 'AURA';
    return this.invokeStatic(className, methodName, args);
  }

  invokeStatic(className: string, methodName: string, args: Value[]): Value {
    const cls = this.interp.registry.resolve(className.toLowerCase(), null);
    if (!cls) throw new Error(`no such Apex class: ${className}`);
    return this.interp.invokeStatic(cls, methodName, args);
  }

  asUncaughtApexError(e: unknown) {
    const f = describeFailure(e, this.interp);
    if (f.kind !== 'apex') return null;
    return {
      typeName: f.typeName,
      message: f.message,
      stackTrace: f.stack.join('\n'),
      ...(f.clientMessage !== undefined ? { clientMessage: f.clientMessage } : {})
    };
  }
}
