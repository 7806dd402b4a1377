import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexBlob, type ApexId } from '../../src/values/values.js';
import { FakeContext, apexError, callInstance, callStatic } from './fake-context.js';

const ctx = new FakeContext();
const blob = (hex: string) => new ApexBlob(new Uint8Array(Buffer.from(hex, 'hex')));
const text = (s: string) => callStatic(ctx, 'Blob', 'valueOf', s) as ApexBlob;
const hex = (b: unknown) => Buffer.from((b as ApexBlob).bytes).toString('hex');

test('HMAC-SHA256 matches RFC 4231 test cases 1 and 2', () => {
  assert.equal(
    hex(callStatic(ctx, 'Crypto', 'generateMac', 'hmacSHA256', text('Hi There'), blob('0b'.repeat(20)))),
    'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'
  );
  assert.equal(
    hex(callStatic(ctx, 'Crypto', 'generateMac', 'hmacSHA256', text('what do ya want for nothing?'), text('Jefe'))),
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
  );
});

test('HMAC-SHA512 matches RFC 4231 test case 2', () => {
  assert.equal(
    hex(callStatic(ctx, 'Crypto', 'generateMac', 'hmacSHA512', text('what do ya want for nothing?'), text('Jefe'))),
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737'
  );
});

test('verifyHMac compares in constant time and rejects a wrong MAC', () => {
  const mac = callStatic(ctx, 'Crypto', 'generateMac', 'hmacSHA256', text('body'), text('secret'));
  assert.equal(callStatic(ctx, 'Crypto', 'verifyHMac', 'hmacSHA256', text('body'), text('secret'), mac), true);
  assert.equal(callStatic(ctx, 'Crypto', 'verifyHMac', 'hmacSHA256', text('body!'), text('secret'), mac), false);
});

test('an unknown MAC algorithm throws InvalidParameterValueException', () => {
  assert.match(
    apexError(() => callStatic(ctx, 'Crypto', 'generateMac', 'hmacSHA999', text('x'), text('k'))),
    /InvalidParameterValueException: Invalid algorithm: hmacSHA999/
  );
});

test('generateDigest produces the standard digests', () => {
  assert.equal(
    hex(callStatic(ctx, 'Crypto', 'generateDigest', 'SHA-256', text('abc'))),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
  );
  assert.equal(hex(callStatic(ctx, 'Crypto', 'generateDigest', 'MD5', text(''))), 'd41d8cd98f00b204e9800998ecf8427e');
});

test('generateDigest also takes the dash-less SHA256 and SHA512 and rejects unknown names', () => {
  assert.equal(
    hex(callStatic(ctx, 'Crypto', 'generateDigest', 'SHA256', text('abc'))),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
  );
  assert.equal(
    hex(callStatic(ctx, 'Crypto', 'generateDigest', 'SHA512', text('abc'))).slice(0, 32),
    'ddaf35a193617abacc417349ae204131'
  );
  assert.match(
    apexError(() => callStatic(ctx, 'Crypto', 'generateDigest', 'SHA-999', text('abc'))),
    /InvalidParameterValueException: Invalid algorithm: SHA-999\. Valid values: MD5, SHA1, SHA-256, SHA-512/
  );
});

test('AES128 encrypt matches the NIST SP 800-38A CBC vector and decrypts back', () => {
  const key = blob('2b7e151628aed2a6abf7158809cf4f3c');
  const iv = blob('000102030405060708090a0b0c0d0e0f');
  const plain = blob('6bc1bee22e409f96e93d7e117393172a');
  const cipher = callStatic(ctx, 'Crypto', 'encrypt', 'AES128', key, iv, plain) as ApexBlob;
  assert.equal(hex(cipher).slice(0, 32), '7649abac8119b246cee98e9b12e9197d');
  assert.equal(
    hex(callStatic(ctx, 'Crypto', 'decrypt', 'AES128', key, iv, cipher)),
    '6bc1bee22e409f96e93d7e117393172a'
  );
});

test('encryptWithManagedIV round-trips and a wrong key size is rejected', () => {
  const key = callStatic(ctx, 'Crypto', 'generateAesKey', 256) as ApexBlob;
  assert.equal(key.bytes.length, 32);
  const c = callStatic(ctx, 'Crypto', 'encryptWithManagedIV', 'AES256', key, text('secret data'));
  assert.equal(
    callInstance(ctx, callStatic(ctx, 'Crypto', 'decryptWithManagedIV', 'AES256', key, c), 'toString'),
    'secret data'
  );
  assert.match(
    apexError(() => callStatic(ctx, 'Crypto', 'encryptWithManagedIV', 'AES128', key, text('x'))),
    /Invalid private key/
  );
});

test('Blob.valueOf/toString/size use UTF-8', () => {
  const b = text('héllo');
  assert.equal(callInstance(ctx, b, 'size'), 6);
  assert.equal(callInstance(ctx, b, 'toString'), 'héllo');
  assert.match(
    apexError(() => callInstance(ctx, blob('ff'), 'toString')),
    /StringException/
  );
});

test('EncodingUtil base64 and hex', () => {
  assert.equal(callStatic(ctx, 'EncodingUtil', 'base64Encode', text('Hello')), 'SGVsbG8=');
  assert.equal(callInstance(ctx, callStatic(ctx, 'EncodingUtil', 'base64Decode', 'SGVsbG8='), 'toString'), 'Hello');
  assert.equal(callStatic(ctx, 'EncodingUtil', 'convertToHex', text('AB')), '4142');
  assert.equal(hex(callStatic(ctx, 'EncodingUtil', 'convertFromHex', '4142')), '4142');
});

test('urlEncode follows java.net.URLEncoder', () => {
  assert.equal(callStatic(ctx, 'EncodingUtil', 'urlEncode', 'a b&c=d/é~*', 'UTF-8'), 'a+b%26c%3Dd%2F%C3%A9%7E*');
  assert.equal(callStatic(ctx, 'EncodingUtil', 'urlDecode', 'a+b%26c%3Dd%2F%C3%A9', 'UTF-8'), 'a b&c=d/é');
});

test('Id.valueOf normalises to 18 characters, recomputes a wrong checksum suffix and rejects bad ids', () => {
  const id = callStatic(ctx, 'Id', 'valueOf', '001000000000001') as ApexId;
  assert.equal(id.value, '001000000000001AAA');
  assert.equal(callInstance(ctx, id, 'to15'), '001000000000001');
  assert.equal(
    apexError(() => callStatic(ctx, 'Id', 'valueOf', 'abc')),
    'System.StringException: Invalid id: abc'
  );
  // A suffix that is not the checksum names the Id of the first fifteen characters (NebulaLogger's mock Ids).
  assert.equal((callStatic(ctx, 'Id', 'valueOf', '001000000000000001') as ApexId).value, '001000000000000AAA');
  assert.equal(
    apexError(() => callStatic(ctx, 'Id', 'valueOf', '001000000000001ZZ')),
    'System.StringException: Invalid id: 001000000000001ZZ'
  );
  assert.equal(callInstance(ctx, id, 'equals', '001000000000001'), true);
});

test('Crypto.sign with RSA-SHA256 and a PKCS#8 key verifies with the matching X.509 public key', async () => {
  const { generateKeyPairSync } = await import('node:crypto');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const priv = new ApexBlob(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })));
  const pub = new ApexBlob(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })));
  const sig = callStatic(ctx, 'Crypto', 'sign', 'RSA-SHA256', text('header.payload'), priv);
  assert.equal(callStatic(ctx, 'Crypto', 'verify', 'RSA-SHA256', text('header.payload'), sig, pub), true);
  assert.equal(callStatic(ctx, 'Crypto', 'verify', 'RSA-SHA256', text('header.payload!'), sig, pub), false);
  assert.match(
    apexError(() => callStatic(ctx, 'Crypto', 'sign', 'RSA-SHA256', text('x'), text('not a key'))),
    /InvalidParameterValueException: Invalid private key/
  );
});
