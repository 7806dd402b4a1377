/**
 * The SOAP Apex API's `executeAnonymous` (`POST /services/Soap/s/<version>/<org id>`), the one call `sf apex run`
 * makes: the envelope's `<apexcode>` runs as anonymous Apex in the request's transaction, and the answer carries the
 * ExecuteAnonymousResult in the body and the debug log in the `DebuggingInfo` header. Malformed envelopes and other
 * operations answer SOAP faults, as the platform does.
 */
import { XMLParser } from 'fast-xml-parser';
import type { AnonymousOutcome, DeveloperApi } from './runtime-seams.js';

const ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const APEX_NS = 'http://soap.sforce.com/2006/08/apex';

export interface SoapAnswer {
  status: number;
  body: string;
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function soapFault(code: string, message: string): SoapAnswer {
  return {
    status: 500,
    body:
      `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${ENVELOPE_NS}" xmlns:sf="${APEX_NS}">` +
      `<soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode>` +
      `<faultstring>${escapeXml(`${code}: ${message}`)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
  };
}

/** The text of a parsed element whatever its shape (plain text, or an object with attributes). */
function textOf(node: unknown): string | null {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (node && typeof node === 'object' && '#text' in node) return textOf((node as Record<string, unknown>)['#text']);
  if (node && typeof node === 'object') return '';
  return null;
}

/** Finds the first element named `local` (any prefix) at any depth. */
function find(node: unknown, local: string): unknown {
  if (!node || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key.replace(/^[^:]*:/, '') === local) return value;
    const inner = find(value, local);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

export function handleSoapApex(
  developer: DeveloperApi | null | undefined,
  token: string,
  body: Buffer,
  version: string,
  now: () => Date = () => new Date()
): SoapAnswer {
  if (!developer) return soapFault('UNKNOWN_EXCEPTION', 'This org serves no Apex project');
  let envelope: unknown;
  try {
    envelope = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false }).parse(
      body.toString('utf8'),
      true
    );
  } catch (e) {
    return soapFault('INVALID_XML', `The request is not well-formed XML: ${(e as Error).message}`);
  }
  if (find(envelope, 'Envelope') === undefined || find(envelope, 'Body') === undefined) {
    return soapFault('INVALID_XML', 'Expected a SOAP envelope with a Body');
  }
  const session = textOf(find(envelope, 'sessionId'));
  if (session !== null && session !== token) {
    return soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
  }
  const call = find(envelope, 'executeAnonymous');
  if (call === undefined) return soapFault('INVALID_OPERATION', 'Only executeAnonymous is served by localorg');
  const code = textOf(find(call, 'String')) ?? textOf(find(call, 'apexcode'));
  if (code === null || code.trim() === '') return soapFault('INVALID_FIELD', 'apexcode: the Apex to execute is empty');
  const outcome = developer.executeAnonymous(code);
  return { status: 200, body: responseXml(outcome, debugLog(outcome, code, version, now())) };
}

function nil(name: string, value: string | null): string {
  return value === null ? `<${name} xsi:nil="true"/>` : `<${name}>${escapeXml(value)}</${name}>`;
}

function responseXml(o: AnonymousOutcome, log: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${ENVELOPE_NS}" xmlns="${APEX_NS}" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Header><DebuggingInfo><debugLog>${escapeXml(log)}` +
    `</debugLog></DebuggingInfo></soapenv:Header><soapenv:Body><executeAnonymousResponse><result>` +
    `<column>${o.column}</column>${nil('compileProblem', o.compileProblem)}<compiled>${o.compiled}</compiled>` +
    `${nil('exceptionMessage', o.exceptionMessage)}${nil('exceptionStackTrace', o.exceptionStackTrace)}` +
    `<line>${o.line}</line><success>${o.success}</success></result></executeAnonymousResponse></soapenv:Body>` +
    `</soapenv:Envelope>`
  );
}

/** A debug log in the platform's line format (`HH:mm:ss.SSS (nanos)|EVENT|…`), with the USER_DEBUG lines of the run. */
function debugLog(o: AnonymousOutcome, code: string, version: string, at: Date): string {
  const stamp = (n: number): string => `${at.toISOString().slice(11, 23)} (${n})`;
  const lines = [
    `${version} APEX_CODE,DEBUG;APEX_PROFILING,INFO`,
    'Execute Anonymous: ' + code.split('\n').join('\nExecute Anonymous: ')
  ];
  let n = 1000000;
  lines.push(`${stamp(n)}|EXECUTION_STARTED`, `${stamp(n)}|CODE_UNIT_STARTED|[EXTERNAL]|execute_anonymous_apex`);
  for (const d of o.debug) lines.push(`${stamp((n += 1000))}|USER_DEBUG|[${d.line}]|${d.level}|${d.message}`);
  if (o.exceptionMessage) lines.push(`${stamp((n += 1000))}|FATAL_ERROR|${o.exceptionMessage}`);
  lines.push(`${stamp((n += 1000))}|CODE_UNIT_FINISHED|execute_anonymous_apex`, `${stamp(n)}|EXECUTION_FINISHED`);
  return o.compiled ? lines.join('\n') : '';
}
