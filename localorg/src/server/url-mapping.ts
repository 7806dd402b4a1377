/**
 * Apex REST routing: which `@RestResource(urlMapping=…)` class serves a path. Mappings are case-sensitive, `*` matches
 * any run of characters (slashes included; a trailing `/*` also matches the bare prefix), an exact mapping beats any wildcard, and among wildcards the one with more
 * literal characters wins.
 */
export interface UrlMapped {
  urlMapping: string;
}

export interface Route<T> {
  target: T;
  pattern: RegExp;
  literalLength: number;
  exact: boolean;
}

export function compileMapping<T extends UrlMapped>(target: T): Route<T> {
  const mapping = normaliseMapping(target.urlMapping);
  const parts = mapping.split('*');
  let source = '^' + parts.map(escapeRegExp).join('.*') + '$';
  // A trailing `/*` also serves the bare prefix: `/visits/*` answers `/visits`.
  if (mapping.endsWith('/*')) source = source.replace(/\/\.\*\$$/, '(?:/.*)?$');
  const pattern = new RegExp(source);
  return { target, pattern, literalLength: parts.join('').length, exact: parts.length === 1 };
}

/** The platform stores mappings with a leading slash whether or not the source wrote one. */
export function normaliseMapping(mapping: string): string {
  return mapping.startsWith('/') ? mapping : '/' + mapping;
}

export function bestRoute<T>(routes: readonly Route<T>[], path: string): Route<T> | null {
  let best: Route<T> | null = null;
  for (const r of routes) {
    if (!r.pattern.test(path)) continue;
    if (!best || (r.exact && !best.exact) || (r.exact === best.exact && r.literalLength > best.literalLength)) {
      best = r;
    }
  }
  return best;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
