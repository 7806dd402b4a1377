/**
 * `POST /lightning/apex`: runs one `@AuraEnabled` method for a Lightning component, as the signed-in user, in its own
 * transaction with fresh governor limits. The body is `{classname, method, params, wired}`; params are keyed by the
 * Apex parameter names (a missing key is null). Success answers `{returnValue}`; failure answers the platform's error
 * body (`message`, `exceptionType`, `isUserDefinedException`, `stackTrace`), which the client rejects with as
 * `error.body`.
 */
import { ApexRuntimeError, type Value } from '../../values/values.js';
import type { ApexHost, AuraMethodInfo } from '../runtime-seams.js';

export interface ApexCall {
  classname: string;
  method: string;
  params: Record<string, unknown>;
  /** True when the call comes from `@wire` (allowed only for cacheable methods). */
  wired: boolean;
}

export interface ApexCallAnswer {
  status: number;
  json: Record<string, unknown>;
}

/** An error shaped for the client: HTTP status plus the body the component sees as `error.body`. */
export class AuraError extends Error {
  constructor(
    readonly status: number,
    readonly body: {
      message: string;
      exceptionType?: string;
      isUserDefinedException?: boolean;
      stackTrace?: string;
    }
  ) {
    super(body.message);
  }
}

/** Validates the request body; throws {@link AuraError} 400 with what is wrong. */
export function parseApexCall(body: Buffer): ApexCall {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AuraError(400, { message: 'The request body must be JSON: {"classname", "method", "params"}' });
  }
  const o = (parsed ?? {}) as Record<string, unknown>;
  if (typeof o.classname !== 'string' || typeof o.method !== 'string' || !o.classname || !o.method) {
    throw new AuraError(400, { message: 'classname and method are required strings' });
  }
  const params = o.params ?? {};
  if (typeof params !== 'object' || Array.isArray(params) || params === null) {
    throw new AuraError(400, { message: 'params must be an object keyed by the Apex parameter names' });
  }
  return {
    classname: o.classname,
    method: o.method,
    params: params as Record<string, unknown>,
    wired: o.wired === true
  };
}

/** Finds the method before any transaction starts: unknown methods cost nothing. */
export function resolveAuraMethod(apex: ApexHost, call: ApexCall): AuraMethodInfo {
  const info = apex.auraEnabledMethod(call.classname, call.method);
  if (!info) {
    throw new AuraError(404, {
      message: `No @AuraEnabled static method ${call.classname}.${call.method} in the project`
    });
  }
  if (call.wired && !info.cacheable) {
    // The platform refuses to wire a method that is not cacheable [mem].
    throw new AuraError(400, {
      message: `${info.className}.${info.methodName} is not marked @AuraEnabled(cacheable=true), so it cannot be used with @wire`
    });
  }
  return info;
}

/** Runs inside the caller's transaction; returns the JSON answer, throws {@link AuraError} for Apex failures. */
export function runAuraMethod(
  apex: ApexHost,
  info: AuraMethodInfo,
  call: ApexCall,
  dmlStatements: () => number
): ApexCallAnswer {
  const byName = new Map(Object.entries(call.params).map(([k, v]) => [k.toLowerCase(), v]));
  const args: Value[] = info.parameters.map((p) => {
    const raw = byName.get(p.name.toLowerCase());
    if (raw === undefined || raw === null) return null;
    try {
      return apex.deserializeJson(JSON.stringify(raw), p.type);
    } catch (e) {
      const reason = apex.asUncaughtApexError(e)?.message ?? (e as Error).message;
      throw new AuraError(400, { message: `Cannot deserialize parameter ${p.name} as ${p.type.display}: ${reason}` });
    }
  });
  let result: Value;
  try {
    result = apex.invokeInFreshContext(info.className, info.methodName, args);
  } catch (e) {
    throw asAuraError(apex, e);
  }
  if (info.cacheable && dmlStatements() > 0) {
    // A cacheable method may not write: the platform fails its first DML statement [mem]; the transaction rolls back.
    throw new AuraError(500, {
      message: 'Too many DML statements: 1',
      exceptionType: 'System.LimitException',
      isUserDefinedException: false,
      stackTrace: ''
    });
  }
  const returnValue: unknown = info.returnType.name === 'void' ? null : JSON.parse(apex.serializeJson(result));
  return { status: 200, json: { returnValue: withoutAttributes(returnValue) } };
}

function asAuraError(apex: ApexHost, e: unknown): unknown {
  const uncaught = apex.asUncaughtApexError(e);
  if (!uncaught) {
    if (e instanceof ApexRuntimeError) {
      return new AuraError(500, { message: e.message, exceptionType: e.typeName, isUserDefinedException: false });
    }
    return e;
  }
  const handled = /(^|\.)AuraHandledException$/i.test(uncaught.typeName);
  if (handled) {
    // The component sees the message the Apex code set, and no stack trace (documented: "Handle Errors from Apex").
    return new AuraError(500, {
      message: uncaught.clientMessage ?? uncaught.message,
      exceptionType: uncaught.typeName,
      isUserDefinedException: false
    });
  }
  return new AuraError(500, {
    message: uncaught.message,
    exceptionType: uncaught.typeName,
    isUserDefinedException: !uncaught.typeName.startsWith('System.'),
    stackTrace: uncaught.stackTrace
  });
}

/** Lightning returns SObjects as plain field maps: the REST `attributes` key that JSON.serialize adds is dropped. */
function withoutAttributes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAttributes);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k !== 'attributes') out[k] = withoutAttributes(v);
    }
    return out;
  }
  return value;
}
