/**
 * Streams a file line by line with each line's number and byte offset, in fixed-size chunks, so a journal of any size
 * is read without holding it in one string (V8 caps a string near 512 MB). The last piece without a newline is
 * reported as a torn tail, never as a line.
 */
import fs from 'node:fs';

export interface Line {
  text: string;
  /** 1-based line number. */
  number: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Byte offset just past its newline. */
  end: number;
}

export interface TornTail {
  offset: number;
  bytes: number;
}

const CHUNK = 4 * 1024 * 1024;

/** Calls `onLine` for every complete line; returns the torn tail (bytes after the last newline), if any. */
export function forEachLine(file: string, onLine: (line: Line) => void): TornTail | null {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let pos = 0;
    let lineStart = 0;
    let number = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, pos);
      if (n === 0) break;
      let from = 0;
      for (;;) {
        const nl = buf.indexOf(10, from);
        if (nl === -1 || nl >= n) break;
        const piece = buf.subarray(from, nl);
        const bytes = pendingBytes > 0 ? Buffer.concat([...pending, piece]) : piece;
        const end = pos + nl + 1;
        onLine({ text: bytes.toString('utf8'), number: ++number, offset: lineStart, end });
        pending = [];
        pendingBytes = 0;
        lineStart = end;
        from = nl + 1;
      }
      if (from < n) {
        pending.push(Buffer.from(buf.subarray(from, n)));
        pendingBytes += n - from;
      }
      pos += n;
    }
    return pendingBytes > 0 ? { offset: lineStart, bytes: pendingBytes } : null;
  } finally {
    fs.closeSync(fd);
  }
}
