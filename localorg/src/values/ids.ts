/**
 * Salesforce record Ids: 15 case-sensitive base-62 characters plus a 3-character suffix that makes the 18-character
 * form case-insensitive. For each 5-character chunk, bit i is set when character i is upper case, and the 5-bit number
 * indexes `A–Z0–5`. [src: https://github.com/walling/sfid, https://gist.github.com/hynekcer/0f8416c8bf05316141bed12a749af33a]
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/**
 * Returns the 18-character form of a syntactically valid 15- or 18-character Id, or null when it is not one. An
 * 18-character Id whose last three characters are not the checksum of the first fifteen is the Id of those fifteen:
 * the platform never uses the suffix to recover the case of the Id (salesforce.stackexchange.com/questions/249063),
 * and it accepts such strings as Ids — public suites build mock Ids that way (NebulaLogger's
 * `LoggerMockDataCreator.createId`: key prefix, zeros, then a counter, 18 characters in all).
 */
export function to18(id: string): string | null {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) return null;
  const id15 = id.slice(0, 15);
  return id15 + checksumSuffix(id15);
}

/** Builds the n-th Id for a key prefix: prefix + pod-like "000" + base-62 counter padded to 15, then the suffix. */
export function makeId(keyPrefix: string, counter: number): string {
  let n = counter;
  let body = '';
  while (n > 0) {
    body = BASE62[n % 62] + body;
    n = Math.floor(n / 62);
  }
  const id15 = keyPrefix + '0' + body.padStart(11, '0');
  return id15 + checksumSuffix(id15);
}
