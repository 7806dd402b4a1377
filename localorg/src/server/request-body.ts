/**
 * Reads a request body with the platform's size cap. The cap is enforced while streaming, so an oversized body is
 * refused without being held in memory.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

/** Apex REST: "the maximum request or response size is 6 MB for synchronous Apex". */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

export function tooLarge(limit: number): HttpError {
  return HttpError.of(413, 'REQUEST_ENTITY_TOO_LARGE', `Request body exceeds the maximum size of ${limit} bytes`);
}

export async function readBody(req: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    // Drain without keeping the bytes so the 413 can still be written on this connection.
    req.resume();
    throw tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) over = true;
    if (!over) chunks.push(chunk);
  }
  if (over) throw tooLarge(limit);
  return Buffer.concat(chunks);
}

/** Parses a JSON body, answering the platform's 400 `JSON_PARSER_ERROR` with the parser's position. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw HttpError.of(400, 'JSON_PARSER_ERROR', `Malformed JSON in request body: ${(e as Error).message}`);
  }
}
