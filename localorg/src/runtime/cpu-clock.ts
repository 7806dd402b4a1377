/**
 * The CPU time the calling thread has spent, in milliseconds: what the platform's Apex CPU limit counts. Wall time is
 * not a fair stand-in: on a busy machine a transaction waits for a core, and its wall time grows while it spends no
 * CPU. On Linux the thread's own clock is read from `/proc/thread-self/schedstat` (its first field is nanoseconds on a
 * CPU; one `pread` of an fd opened once per thread, about 2 µs), so a transaction in a worker thread is not charged
 * for what the process's other threads do. Elsewhere the process's user + system time (`process.cpuUsage()`) is used.
 */
import fs from 'node:fs';

let schedstat: { fd: number; buf: Buffer } | null | undefined;

function openSchedstat(): { fd: number; buf: Buffer } | null {
  try {
    const fd = fs.openSync('/proc/thread-self/schedstat', 'r');
    const buf = Buffer.alloc(96);
    return readNs({ fd, buf }) === null ? null : { fd, buf };
  } catch {
    return null;
  }
}

function readNs(s: { fd: number; buf: Buffer }): number | null {
  const n = fs.readSync(s.fd, s.buf, 0, s.buf.length, 0);
  const space = s.buf.indexOf(0x20);
  const ns = Number(s.buf.toString('latin1', 0, space > 0 && space < n ? space : n));
  return Number.isFinite(ns) ? ns : null;
}

/** Milliseconds of CPU time of this thread (or, where the thread's clock cannot be read, of this process). */
export function threadCpuMs(): number {
  // Module state is per thread: every worker thread loads its own copy and opens its own thread's file.
  if (schedstat === undefined) schedstat = openSchedstat();
  if (schedstat) {
    const ns = readNs(schedstat);
    if (ns !== null) return ns / 1e6;
  }
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
