/**
 * System.EncodingUtil. URL encoding is java.net.URLEncoder's form encoding (space → `+`, only `A–Z a–z 0–9 . - * _`
 * left as is), which is what Apex uses [mem].
 */
import { ApexBlob, type Value } from '../values/values.js';
import { argString, defineStdlibClass, npeArgument } from './native-args.js';
import { blobOf } from './blob.js';
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

function argBlob(a: readonly Value[], i: number): Uint8Array {
  const v = a[i];
  if (v === null || v === undefined) npeArgument();
  if (v instanceof ApexBlob) return v.bytes;
  apexThrow('TypeException', `argument ${i + 1} must be a Blob`);
}

function charsetOf(a: readonly Value[], i: number): BufferEncoding {
  const name = argString(a, i).toLowerCase().replace(/[-_]/g, '');
  if (name === 'utf8') return 'utf8';
  if (name === 'iso88591' || name === 'latin1') return 'latin1';
  if (name === 'usascii' || name === 'ascii') return 'ascii';
  if (name === 'utf16le') return 'utf16le';
  apexThrow('StringException', `Unsupported encoding: ${argString(a, i)}`);
}

export function urlEncode(text: string, encoding: BufferEncoding = 'utf8'): string {
  let out = '';
  for (const ch of text) {
    if (/[A-Za-z0-9.\-*_]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else for (const b of Buffer.from(ch, encoding)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export function urlDecode(text: string, encoding: BufferEncoding = 'utf8'): string {
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes).toString(encoding);
    bytes.length = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex))
        apexThrow('StringException', `URLDecoder: Illegal hex characters in escape (%) pattern - ${hex}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
      continue;
    }
    flush();
    out += c === '+' ? ' ' : c;
  }
  flush();
  return out;
}

const statics: Record<string, NativeMethod> = {
  base64encode: (_c, a) => Buffer.from(argBlob(a, 0)).toString('base64'),
  base64decode: (_c, a) => {
    const text = argString(a, 0).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text))
      apexThrow('StringException', `Invalid base64 string: ${argString(a, 0).slice(0, 40)}`);
    return blobOf(Buffer.from(text, 'base64'));
  },
  convertfromhex: (_c, a) => {
    const text = argString(a, 0);
    if (!/^([0-9a-fA-F]{2})*$/.test(text))
      apexThrow('InvalidParameterValueException', `Invalid hex string: ${text.slice(0, 40)}`);
    return blobOf(Buffer.from(text, 'hex'));
  },
  converttohex: (_c, a) => Buffer.from(argBlob(a, 0)).toString('hex'),
  urlencode: (_c, a) => urlEncode(argString(a, 0), charsetOf(a, 1)),
  urldecode: (_c, a) => urlDecode(argString(a, 0), charsetOf(a, 1))
};

defineStdlibClass(natives, { name: 'EncodingUtil', statics });
