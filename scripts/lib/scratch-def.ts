import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { ScratchOrgDefSchema } from '@salesforce/core';
import { ScriptError, USAGE_EXIT } from './errors.js';
import { parseJsonText } from './json-file.js';
import { firstIssue, lineOfKey } from './schema-issues.js';

export const DEFAULT_DEFINITION = 'config/project-scratch-def.json';

export type ScratchDefinition = { file: string; shown: string; config: Record<string, unknown> };

/**
 * Reads and validates a scratch org definition offline, with the schema @salesforce/core ships, so a typo is reported
 * as `file:line: problem` before a Dev Hub is ever contacted.
 */
export async function loadScratchDefinition(projectDir: string, file: string): Promise<ScratchDefinition> {
  const full = path.resolve(projectDir, file);
  const shown = path.relative(projectDir, full) || full;
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch {
    throw new ScriptError('DefinitionNotFound', `Scratch org definition not found: ${shown}`, {
      exitCode: USAGE_EXIT,
      remedy: `Pass --definition-file <file>, or restore ${DEFAULT_DEFINITION}.`
    });
  }
  const json = parseJsonText(text, shown, 'the scratch org definition');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(shown, 1, 'the scratch org definition must be a JSON object');
  }
  const parsed = ScratchOrgDefSchema.safeParse(json);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error.issues);
    throw invalid(shown, lineOfKey(text, issue.path), `${issue.pathText}: ${issue.message}`);
  }
  const config = json as Record<string, unknown>;
  const edition = config.edition;
  if (typeof edition !== 'string' && typeof config.sourceOrg !== 'string' && typeof config.snapshot !== 'string') {
    throw invalid(
      shown,
      1,
      'edition is required (Developer, Enterprise, Group or Professional) unless a snapshot or sourceOrg is given; the schema checks its value'
    );
  }
  return { file: full, shown, config };
}

function invalid(shown: string, line: number, problem: string): ScriptError {
  return new ScriptError('InvalidDefinition', `${shown}:${line}: ${problem}`, {
    exitCode: USAGE_EXIT,
    remedy:
      'Fix the definition file; its keys are listed at https://developer.salesforce.com/docs/atlas.en-us.sfdx_dev.meta/sfdx_dev/sfdx_dev_scratch_orgs_def_file.htm'
  });
}
