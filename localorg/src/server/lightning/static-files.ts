/**
 * Static files under one root folder (the design system's assets, a compiled bundle), with content types and no way
 * out of the root.
 */
import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json'
};

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** The file at `relative` under `root`, or null when it does not exist or would leave the root. */
export function staticFile(root: string, relative: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    if (!fs.statSync(full).isFile()) return null;
    return { body: fs.readFileSync(full), type: TYPES[path.extname(full)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
