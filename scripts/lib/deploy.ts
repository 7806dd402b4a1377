import type { Connection } from '@salesforce/core';
import type { ComponentListing } from './components.js';
import { ScriptError } from './errors.js';

export type DeployProgress = { status: string; deployed: number; total: number; errors: number; detail?: string };

export type DeployFileRow = {
  state: string;
  type: string;
  fullName: string;
  file: string;
  line?: number;
  column?: number;
  problem?: string;
};

export type DeployOutcome = {
  id: string;
  success: boolean;
  status: string;
  errorMessage?: string;
  rows: DeployFileRow[];
  failures: DeployFileRow[];
};

export type DeployTestLevel = 'NoTestRun' | 'RunLocalTests' | 'RunAllTestsInOrg';
export const DEPLOY_TEST_LEVELS: readonly DeployTestLevel[] = ['NoTestRun', 'RunLocalTests', 'RunAllTestsInOrg'];

export type DeployOptions = { waitMinutes: number; testLevel: DeployTestLevel };

export interface Deployer {
  deploy(
    listing: ComponentListing,
    connection: Connection,
    onProgress: (progress: DeployProgress) => void,
    options: DeployOptions
  ): Promise<DeployOutcome>;
}

/** The fields of SDR's DeployResult we read; a structural type so tests can hand in plain objects. */
export type DeployResultLike = {
  response: {
    id: string;
    success: boolean;
    status: string;
    errorMessage?: string;
    details?: { componentFailures?: DeployMessageLike | DeployMessageLike[] };
  };
  getFileResponses(): FileResponseLike[];
};
export type FileResponseLike = {
  state: string;
  type: string;
  fullName: string;
  filePath?: string;
  lineNumber?: number;
  columnNumber?: number;
  error?: string;
};
export type DeployMessageLike = {
  componentType?: string;
  fullName: string;
  fileName: string;
  lineNumber?: string;
  columnNumber?: string;
  problem?: string;
  problemType?: string;
};

/**
 * Flattens a deploy result into rows for the component table and a failure list with file/line/problem. Failures the
 * org reports against no source file (package.xml, a missing dependency) come from componentFailures, so none are
 * dropped.
 */
export function toDeployOutcome(result: DeployResultLike, relative: (file: string) => string): DeployOutcome {
  const rows: DeployFileRow[] = result.getFileResponses().map((file) => ({
    state: file.state,
    type: file.type,
    fullName: file.fullName,
    file: file.filePath ? relative(file.filePath) : '',
    ...(file.state === 'Failed'
      ? { line: file.lineNumber, column: file.columnNumber, problem: oneLine(file.error ?? 'failed') }
      : {})
  }));
  const failures = rows.filter((row) => row.state === 'Failed');
  const listed = new Set(failures.map((row) => `${row.type}#${row.fullName}`));
  for (const message of asArray(result.response.details?.componentFailures)) {
    if (message.problemType === 'Warning') continue;
    const key = `${message.componentType ?? ''}#${message.fullName}`;
    if (listed.has(key)) continue;
    listed.add(key);
    failures.push({
      state: 'Failed',
      type: message.componentType ?? '',
      fullName: message.fullName,
      file: message.fileName,
      line: message.lineNumber ? Number(message.lineNumber) : undefined,
      column: message.columnNumber ? Number(message.columnNumber) : undefined,
      problem: oneLine(message.problem ?? 'failed')
    });
  }
  return {
    id: result.response.id,
    success: result.response.success,
    status: result.response.status,
    errorMessage: result.response.errorMessage,
    rows,
    failures
  };
}

/** `force-app/…/Foo.cls:12:5  ApexClass Foo  Variable does not exist: bar` */
export function describeFailure(row: DeployFileRow): string {
  const where = [row.file || '(no file)', row.line, row.line !== undefined ? row.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  return `${where}  ${row.type} ${row.fullName}: ${row.problem ?? 'failed'}`;
}

export function deployFailure(outcome: DeployOutcome): ScriptError {
  const count = outcome.failures.length;
  const first = outcome.failures[0];
  const summary =
    count > 0 && first
      ? `Deploy ${outcome.id} failed with ${count} error${count === 1 ? '' : 's'}; first: ${describeFailure(first)}`
      : `Deploy ${outcome.id} ended ${outcome.status}: ${outcome.errorMessage ?? 'no detail from the org'}`;
  return new ScriptError('DeployFailed', summary, {
    remedy:
      count > 1
        ? 'Fix the files listed above (all errors are in the table), then deploy again.'
        : 'Fix the file named, then deploy again.',
    data: { id: outcome.id, status: outcome.status, failures: outcome.failures }
  });
}

export function progressLine(progress: DeployProgress): string {
  const detail = progress.detail ? ` — ${progress.detail}` : '';
  return `Deploy ${progress.status}: ${progress.deployed}/${progress.total} components, ${progress.errors} error${progress.errors === 1 ? '' : 's'}${detail}`;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
