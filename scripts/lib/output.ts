import { renderTable, type Column } from './table.js';
import type { ScriptError } from './errors.js';

export type Sink = { write(text: string): unknown };

/**
 * Everything a script prints goes through here. With --json, stdout carries exactly one JSON document (the shape the
 * sf CLI uses: `{status, result, warnings}` or `{status, name, message, remedy}`) and progress is silent, so CI can
 * pipe the output into jq.
 */
export class Output {
  readonly json: boolean;
  private readonly stdout: Sink;
  private readonly stderr: Sink;
  private readonly warnings: string[] = [];

  constructor(options: { json: boolean; stdout: Sink; stderr: Sink }) {
    this.json = options.json;
    this.stdout = options.stdout;
    this.stderr = options.stderr;
  }

  /** A step that is starting or advancing; goes to stderr so stdout stays the result. */
  progress(message: string): void {
    if (!this.json) this.stderr.write(`… ${message}\n`);
  }

  info(message: string): void {
    if (!this.json) this.stdout.write(`${message}\n`);
  }

  warn(message: string): void {
    this.warnings.push(message);
    if (!this.json) this.stderr.write(`Warning: ${message}\n`);
  }

  table<Row>(title: string, rows: readonly Row[], columns: readonly Column<Row>[]): void {
    if (this.json) return;
    this.stdout.write(`\n${title}\n${renderTable(rows, columns)}\n`);
  }

  /** The final result. In human mode the caller has already printed it; only JSON mode writes here. */
  result(result: unknown): void {
    if (this.json) this.stdout.write(`${JSON.stringify({ status: 0, result, warnings: this.warnings }, null, 2)}\n`);
  }

  failure(error: ScriptError): void {
    if (this.json) {
      const body = {
        status: error.exitCode,
        name: error.code,
        message: error.message,
        ...(error.remedy ? { remedy: error.remedy } : {}),
        ...(error.data === undefined ? {} : { data: error.data }),
        warnings: this.warnings
      };
      this.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      return;
    }
    this.stderr.write(`Error (${error.code}): ${error.message}\n`);
    if (error.remedy) this.stderr.write(`Try this: ${error.remedy}\n`);
  }
}
