/**
 * `/services/apexrest/**`: finds the `@RestResource` class and `@Http*` method for a request, fills RestContext,
 * binds a JSON body to the method's parameters by name, and turns the return value or RestResponse into the HTTP
 * answer. Runs inside the caller's transaction; an uncaught Apex exception becomes the platform's 500 `APEX_ERROR`.
 */
import { ApexRuntimeError, type Value } from '../values/values.js';
import { HttpError, jsonParserError, methodNotAllowed, notFound } from './errors.js';
import type { ApexHost, RestMethodInfo, RestRequestData, RestResourceInfo, RestVerb } from './runtime-seams.js';
import { bestRoute, compileMapping, normaliseMapping, type Route } from './url-mapping.js';

export interface ApexRestRequest {
  method: string;
  /** Path after `/services/apexrest`, starting with `/`. */
  path: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: Buffer;
  remoteAddress: string;
}

export interface ApexRestAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export class ApexRestRouter {
  private readonly routes: Route<RestResourceInfo>[];

  constructor(resources: readonly RestResourceInfo[]) {
    this.routes = resources.map((r) => compileMapping(r));
  }

  /** Picks class and method, or throws the platform's 404/405. */
  resolve(method: string, path: string): { resource: RestResourceInfo; handler: RestMethodInfo } {
    const route = bestRoute(this.routes, path);
    if (!route) throw notFound(`Could not find a match for URL ${path}`);
    const verb: string = method === 'HEAD' ? 'GET' : method;
    const handler = route.target.methods.find((m) => m.verb === verb);
    if (!handler) {
      const allowed: string[] = route.target.methods.map((m) => m.verb);
      if (allowed.includes('GET')) allowed.push('HEAD');
      throw methodNotAllowed(method, allowed);
    }
    return { resource: route.target, handler };
  }

  get size(): number {
    return this.routes.length;
  }
}

const VERBS: readonly RestVerb[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function isRestVerb(method: string): boolean {
  return method === 'HEAD' || (VERBS as readonly string[]).includes(method);
}

/** Runs the request against Apex. Call inside a transaction; Apex exceptions propagate as {@link ApexFailure}. */
export function dispatchApexRest(host: ApexHost, router: ApexRestRouter, req: ApexRestRequest): ApexRestAnswer {
  const { resource, handler } = router.resolve(req.method, req.path);
  const hasParams = handler.parameters.length > 0;
  const args = hasParams ? bindParameters(host, handler, req.body) : [];
  const request: RestRequestData = {
    httpMethod: req.method,
    requestURI: req.path,
    resourcePath: '/services/apexrest' + normaliseMapping(resource.urlMapping),
    remoteAddress: req.remoteAddress,
    params: req.params,
    headers: req.headers,
    // The platform copies the body into requestBody only when no parameters consumed it.
    requestBody: hasParams || req.body.length === 0 ? null : new Uint8Array(req.body)
  };
  let returned: Value = null;
  let response;
  try {
    ({ result: returned, response } = host.withRestContext(request, () =>
      host.invokeStatic(resource.className, handler.methodName, args)
    ));
  } catch (e) {
    const uncaught = host.asUncaughtApexError(e);
    if (uncaught) throw new ApexFailure(uncaught.typeName, uncaught.message, uncaught.stackTrace);
    throw e;
  }
  const headers: Record<string, string> = { ...response.headers };
  let body: Buffer;
  if (handler.returnType.name !== 'void') {
    body = Buffer.from(host.serializeJson(returned), 'utf8');
    headers['Content-Type'] ??= 'application/json;charset=UTF-8';
  } else {
    body = response.responseBody ? Buffer.from(response.responseBody) : Buffer.alloc(0);
  }
  const status = response.statusCode ?? 200;
  return { status, headers, body: req.method === 'HEAD' ? Buffer.alloc(0) : body };
}

/** An unhandled Apex exception, rendered as the platform renders it. */
export class ApexFailure extends Error {
  constructor(
    readonly typeName: string,
    readonly apexMessage: string,
    readonly stackTrace: string
  ) {
    super(`${typeName}: ${apexMessage}`);
  }

  toHttpError(): HttpError {
    const trace = this.stackTrace ? `\n\n${this.stackTrace}` : '';
    return HttpError.of(500, 'APEX_ERROR', `${this.typeName}: ${this.apexMessage}${trace}`);
  }
}

/**
 * The platform reads the body as a JSON object whose top-level keys name the parameters; each value is deserialised
 * into its parameter's type, a missing key leaves the parameter null and an unknown key is refused.
 */
function bindParameters(host: ApexHost, handler: RestMethodInfo, body: Buffer): Value[] {
  const text = body.toString('utf8');
  if (text.trim() === '') return handler.parameters.map(() => null);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw jsonParserError(`Malformed JSON in request body: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw jsonParserError(
      `Expected a JSON object whose keys name the parameters of ${handler.methodName}(${handler.parameters
        .map((p) => p.name)
        .join(', ')})`
    );
  }
  const byName = new Map(handler.parameters.map((p, i) => [p.name.toLowerCase(), i]));
  const args: Value[] = handler.parameters.map(() => null);
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const index = byName.get(key.toLowerCase());
    if (index === undefined) throw jsonParserError(`Unexpected parameter encountered during deserialization: ${key}`);
    const param = handler.parameters[index];
    try {
      args[index] = host.deserializeJson(JSON.stringify(value), param.type);
    } catch (e) {
      const reason =
        host.asUncaughtApexError(e)?.message ??
        (e instanceof ApexRuntimeError || e instanceof Error ? e.message : String(e));
      throw jsonParserError(`Cannot deserialize parameter ${param.name} as ${param.type.display}: ${reason}`);
    }
  }
  return args;
}
