/**
 * Registers the general-purpose standard library (String, regex, collections, numbers, dates, JSON, Blob, encoding,
 * Crypto, Id). Importing this module is enough: each family registers its native classes when loaded.
 */
import './string.js';
import './numbers.js';
import './math.js';
import './collections.js';
import './datetime.js';
import './json.js';
import './blob.js';
import './encoding.js';
import './crypto.js';
import './id.js';
import './pattern.js';
