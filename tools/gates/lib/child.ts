/**
 * Runs one gate or suite as a child process, streaming its output live (prefixed, so a newcomer sees which step
 * printed what) and keeping the tail for the reports.
 */
import { spawn } from 'node:child_process';

export interface ChildResult {
  readonly exitCode: number;
  readonly seconds: number;
  /** The last lines of combined output, kept for reports/gates.json and JUnit failure messages. */
  readonly tail: string;
  readonly timedOut: boolean;
}

export interface ChildOptions {
  readonly cwd: string;
  readonly prefix: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Stream the child's lines to this process's stdout/stderr (default true). */
  readonly echo?: boolean;
  /** Called for every complete line, e.g. to show progress counts. */
  readonly onLine?: (line: string) => void;
  /** Kill the child (and its children) after this many seconds. */
  readonly timeoutSeconds?: number;
  /** After this many silent seconds, print a "still running" line so a quiet step (ESLint, tsc) shows progress. */
  readonly heartbeatSeconds?: number;
}

const TAIL_LINES = 80;

/** Process groups still running, so an interrupted runner can stop them (they do not share its terminal group). */
const running = new Set<number>();

export function stopRunningChildren(): void {
  for (const pid of running) {
    try {
      process.kill(process.platform === 'win32' ? pid : -pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

export function runChild(command: string, args: readonly string[], options: ChildOptions): Promise<ChildResult> {
  const started = process.hrtime.bigint();
  const tail: string[] = [];
  const echo = options.echo ?? true;

  let lastOutput = Date.now();
  const emit = (line: string, out: NodeJS.WriteStream): void => {
    lastOutput = Date.now();
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    if (echo) out.write(`${options.prefix}${line}\n`);
    options.onLine?.(line);
  };

  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout can stop the grandchildren too (test runners spawn workers).
      detached: process.platform !== 'win32'
    });
    if (child.pid !== undefined) running.add(child.pid);
    let timedOut = false;
    const timer = options.timeoutSeconds
      ? setTimeout(() => {
          timedOut = true;
          emit(`timed out after ${options.timeoutSeconds}s; stopping it`, process.stderr);
          try {
            if (child.pid !== undefined) process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        }, options.timeoutSeconds * 1000)
      : undefined;
    const quietMs = (options.heartbeatSeconds ?? 0) * 1000;
    const heartbeat =
      quietMs > 0 && echo
        ? setInterval(() => {
            if (Date.now() - lastOutput < quietMs) return;
            const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
            process.stdout.write(`${options.prefix}… still running (${elapsed.toFixed(0)}s)\n`);
            lastOutput = Date.now();
          }, 5000)
        : undefined;
    const streams = [
      { source: child.stdout, out: process.stdout, pending: '' },
      { source: child.stderr, out: process.stderr, pending: '' }
    ];
    for (const s of streams) {
      s.source.setEncoding('utf8');
      s.source.on('data', (chunk: string) => {
        const lines = (s.pending + chunk).split('\n');
        s.pending = lines.pop() ?? '';
        for (const line of lines) emit(line.replace(/\r$/, ''), s.out);
      });
    }
    let settled = false;
    const finish = (exitCode: number): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (heartbeat) clearInterval(heartbeat);
      if (child.pid !== undefined) running.delete(child.pid);
      for (const s of streams) if (s.pending) emit(s.pending, s.out);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ exitCode: timedOut ? 124 : exitCode, seconds, tail: tail.join('\n'), timedOut });
    };
    child.on('error', (error) => {
      emit(`could not start ${command}: ${error.message}`, process.stderr);
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}
