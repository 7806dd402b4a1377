/**
 * The general-purpose standard library (String, regex, collections, numbers, dates, JSON, Blob, encoding, Crypto, Id):
 * each family's native definitions, in the order they are installed.
 */
import type { NativeDefinitions } from '../runtime/natives.js';
import { natives as blob } from './blob.js';
import { natives as collections } from './collections.js';
import { natives as crypto } from './crypto.js';
import { natives as datetime } from './datetime.js';
import { natives as encoding } from './encoding.js';
import { natives as id } from './id.js';
import { natives as json } from './json.js';
import { natives as jsonStream } from './json-stream.js';
import { natives as math } from './math.js';
import { natives as numbers } from './numbers.js';
import { natives as pattern } from './pattern.js';
import { natives as string } from './string.js';

export const generalPurposeNatives: readonly NativeDefinitions[] = [
  string,
  numbers,
  math,
  collections,
  datetime,
  json,
  jsonStream,
  blob,
  encoding,
  crypto,
  id,
  pattern
];
