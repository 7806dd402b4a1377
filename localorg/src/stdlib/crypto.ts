/**
 * System.Crypto on node:crypto: MACs and digests (what webhook signature checks need), random numbers, AES-CBC with
 * PKCS#5 padding for encrypt/decrypt and their managed-IV forms (IV prepended to the cipher text)
 * [doc: Crypto Class, https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_crypto.htm].
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  randomBytes,
  timingSafeEqual,
  type KeyObject
} from 'node:crypto';
import { ApexBlob, type Value } from '../values/values.js';
import { argInt, argString, defineStdlibClass, npeArgument } from './native-args.js';
import { blobOf } from './blob.js';
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const MACS: Record<string, string> = { hmacmd5: 'md5', hmacsha1: 'sha1', hmacsha256: 'sha256', hmacsha512: 'sha512' };
/**
 * The documented names, plus the dash-less `SHA256`/`SHA512` spellings the platform's Java digest provider also accepts
 * (apex-recipes' EncryptionRecipes hashes with `'SHA512'` and its tests pass on orgs).
 */
const DIGESTS: Record<string, string> = {
  md5: 'md5',
  sha1: 'sha1',
  'sha-1': 'sha1',
  'sha-256': 'sha256',
  sha256: 'sha256',
  'sha-512': 'sha512',
  sha512: 'sha512',
  'sha3-256': 'sha3-256',
  'sha3-384': 'sha3-384',
  'sha3-512': 'sha3-512'
};
const AES: Record<string, number> = { aes128: 16, aes192: 24, aes256: 32 };

function argBlob(a: readonly Value[], i: number): Buffer {
  const v = a[i];
  if (v === null || v === undefined) npeArgument();
  if (v instanceof ApexBlob) return Buffer.from(v.bytes);
  apexThrow('TypeException', `argument ${i + 1} must be a Blob`);
}

function invalid(message: string): never {
  apexThrow('InvalidParameterValueException', message);
}

function macAlgorithm(name: string): string {
  return (
    MACS[name.toLowerCase()] ??
    invalid(`Invalid algorithm: ${name}. Valid values: hmacMD5, hmacSHA1, hmacSHA256, hmacSHA512`)
  );
}

function aes(name: string, key: Buffer): string {
  const size = AES[name.toLowerCase()];
  if (!size) invalid(`Invalid algorithm: ${name}. Valid values: AES128, AES192, AES256`);
  if (key.length !== size) invalid(`Invalid private key. Must be ${size} bytes.`);
  return `aes-${size * 8}-cbc`;
}

function checkIv(iv: Buffer): Buffer {
  if (iv.length !== 16) invalid('Invalid initialization vector. Must be 16 bytes.');
  return iv;
}

const SIGNATURES: Record<string, { hash: string; ecdsa: boolean }> = {
  rsa: { hash: 'sha1', ecdsa: false },
  'rsa-sha1': { hash: 'sha1', ecdsa: false },
  'rsa-sha256': { hash: 'sha256', ecdsa: false },
  'rsa-sha384': { hash: 'sha384', ecdsa: false },
  'rsa-sha512': { hash: 'sha512', ecdsa: false },
  'ecdsa-sha256': { hash: 'sha256', ecdsa: true },
  'ecdsa-sha384': { hash: 'sha384', ecdsa: true },
  'ecdsa-sha512': { hash: 'sha512', ecdsa: true }
};

function signatureAlgorithm(name: string): { hash: string; ecdsa: boolean } {
  return (
    SIGNATURES[name.toLowerCase()] ??
    invalid(
      `Invalid algorithm: ${name}. Valid values: RSA, RSA-SHA1, RSA-SHA256, RSA-SHA384, RSA-SHA512, ECDSA-SHA256, ECDSA-SHA384, ECDSA-SHA512`
    )
  );
}

/** Apex passes keys as the DER bytes of PKCS#8 (private) / X.509 SubjectPublicKeyInfo (public). */
function privateKey(der: Buffer): KeyObject {
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return invalid('Invalid private key: expected PKCS#8 DER bytes');
  }
}

function publicKeyOf(der: Buffer): KeyObject {
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    return invalid('Invalid public key: expected X.509 DER bytes');
  }
}

function encrypt(alg: string, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const c = createCipheriv(aes(alg, key), key, checkIv(iv));
  return Buffer.concat([c.update(data), c.final()]);
}

function decrypt(alg: string, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const d = createDecipheriv(aes(alg, key), key, checkIv(iv));
  try {
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    return apexThrow('SecurityException', 'Given final block not properly padded');
  }
}

const statics: Record<string, NativeMethod> = {
  generatemac: (_c, a) =>
    blobOf(
      createHmac(macAlgorithm(argString(a, 0)), argBlob(a, 2))
        .update(argBlob(a, 1))
        .digest()
    ),
  verifyhmac: (_c, a) => {
    const expected = createHmac(macAlgorithm(argString(a, 0)), argBlob(a, 2))
      .update(argBlob(a, 1))
      .digest();
    const given = argBlob(a, 3);
    return given.length === expected.length && timingSafeEqual(given, expected);
  },
  generatedigest: (_c, a) => {
    const name = argString(a, 0);
    const alg =
      DIGESTS[name.toLowerCase()] ??
      invalid(`Invalid algorithm: ${name}. Valid values: MD5, SHA1, SHA-256, SHA-512, SHA3-256, SHA3-384, SHA3-512`);
    return blobOf(createHash(alg).update(argBlob(a, 1)).digest());
  },
  getrandominteger: () => randomBytes(4).readInt32BE(0),
  getrandomlong: () => randomBytes(8).readBigInt64BE(0),
  generateaeskey: (_c, a) => {
    const bits = argInt(a, 0);
    if (![128, 192, 256].includes(bits)) invalid(`Invalid key size: ${bits}. Valid values: 128, 192, 256`);
    return blobOf(randomBytes(bits / 8));
  },
  encrypt: (_c, a) => blobOf(encrypt(argString(a, 0), argBlob(a, 1), argBlob(a, 2), argBlob(a, 3))),
  decrypt: (_c, a) => blobOf(decrypt(argString(a, 0), argBlob(a, 1), argBlob(a, 2), argBlob(a, 3))),
  encryptwithmanagediv: (_c, a) => {
    const iv = randomBytes(16);
    return blobOf(Buffer.concat([iv, encrypt(argString(a, 0), argBlob(a, 1), iv, argBlob(a, 2))]));
  },
  decryptwithmanagediv: (_c, a) => {
    const data = argBlob(a, 2);
    if (data.length < 16) invalid('Input too short: the managed IV is missing');
    return blobOf(decrypt(argString(a, 0), argBlob(a, 1), data.subarray(0, 16), data.subarray(16)));
  },
  sign: (_c, a) => {
    const alg = signatureAlgorithm(argString(a, 0));
    const key = privateKey(argBlob(a, 2));
    return blobOf(
      createSign(alg.hash)
        .update(argBlob(a, 1))
        .sign(alg.ecdsa ? { key, dsaEncoding: 'der' } : key)
    );
  },
  signwithcertificate: (_c, a) => unsupported('Crypto', 'signWithCertificate', a),
  verify: (_c, a) => {
    const alg = signatureAlgorithm(argString(a, 0));
    const publicKey = a[3];
    if (typeof publicKey === 'string') return unsupported('Crypto', 'verify with a certificate name', a);
    const key = publicKeyOf(argBlob(a, 3));
    return createVerify(alg.hash)
      .update(argBlob(a, 1))
      .verify(alg.ecdsa ? { key, dsaEncoding: 'der' } : key, argBlob(a, 2));
  }
};

defineStdlibClass(natives, { name: 'Crypto', statics });
