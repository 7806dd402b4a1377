/**
 * Errors in the platform's REST shape: a JSON array of `{message, errorCode}` (plus `fields` where the platform adds
 * them). Every module of the server throws {@link HttpError}; the request handler turns it into a response, so no
 * failure ever leaves the server without this shape.
 */
export interface PlatformError {
  message: string;
  errorCode: string;
  fields?: string[];
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: PlatformError[],
    readonly headers: Record<string, string> = {}
  ) {
    super(errors.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
  }

  static of(status: number, errorCode: string, message: string, headers: Record<string, string> = {}): HttpError {
    return new HttpError(status, [{ message, errorCode }], headers);
  }
}

export const invalidSession = (): HttpError => HttpError.of(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

export const notFound = (message = 'The requested resource does not exist'): HttpError =>
  HttpError.of(404, 'NOT_FOUND', message);

export const methodNotAllowed = (method: string, allowed: string[]): HttpError =>
  HttpError.of(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`, {
    Allow: allowed.join(', ')
  });

export const jsonParserError = (message: string): HttpError => HttpError.of(400, 'JSON_PARSER_ERROR', message);

export const malformedQuery = (message: string): HttpError => HttpError.of(400, 'MALFORMED_QUERY', message);
