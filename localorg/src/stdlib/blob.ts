/** System.Blob: bytes with UTF-8 conversions. */
import { ApexBlob, type Value } from '../values/values.js';
import { argString, defineStdlibClass } from './native-args.js';
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

export function blobOf(bytes: Uint8Array | Buffer): ApexBlob {
  return new ApexBlob(new Uint8Array(bytes));
}

function bytes(v: Value): Uint8Array {
  return (v as ApexBlob).bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Blob.toString: the bytes as UTF-8; invalid sequences throw as on the platform [mem: message wording]. */
export function blobToString(b: ApexBlob): string {
  try {
    return utf8.decode(b.bytes);
  } catch {
    apexThrow('StringException', 'BLOB is not a valid UTF-8 string');
  }
}

const statics: Record<string, NativeMethod> = {
  valueof: (_c, a) => blobOf(Buffer.from(argString(a, 0), 'utf8')),
  topdf: (_c, a) => unsupported('Blob', 'toPdf', a)
};

const instance: Record<string, NativeMethod> = {
  size: (_c, _a, s) => bytes(s).length,
  tostring: (_c, _a, s) => blobToString(s as ApexBlob)
};

defineStdlibClass(natives, { name: 'Blob', statics, instance });
