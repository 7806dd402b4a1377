/**
 * Gate: PMD on all Apex through @salesforce/code-analyzer-core and its PMD engine (offline; PMD runs on the local
 * Java 17). Rules: PMD's Recommended set plus every Security, ErrorProne and AppExchange rule; project-wide
 * exceptions live in code-analyzer.yml with their reasons. Any violation, and any file PMD cannot process, fails the
 * gate; each is printed as `file:line:column Rule (category, severity) message`.
 *
 * Usage: tsx tools/gates/check-pmd.ts [--root DIR]   (scans DIR/force-app; config DIR/code-analyzer.yml)
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel, SeverityLevel } from '@salesforce/code-analyzer-core';
import type { EngineLogEvent, LogEvent } from '@salesforce/code-analyzer-core';
import { createEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';
import { isApexSource, isMain, listFiles, toPosix } from './lib/files.js';

export const RULE_SELECTORS = ['pmd:Recommended', 'pmd:Security', 'pmd:ErrorProne', 'pmd:AppExchange'];

export interface PmdFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly category: string;
  readonly severity: string;
  readonly message: string;
}

export interface PmdReport {
  readonly files: number;
  readonly rules: number;
  readonly findings: PmdFinding[];
  /** Files PMD could not analyse (typically Apex it cannot parse) and engine errors. */
  readonly errors: string[];
}

const CATEGORIES = ['Security', 'ErrorProne', 'BestPractices', 'Performance', 'Design', 'CodeStyle', 'Documentation'];

export async function runPmd(root: string, sourceDir = 'force-app'): Promise<PmdReport> {
  const apexFiles = listFiles(root, sourceDir, isApexSource).map((rel) => path.join(root, rel));
  if (apexFiles.length === 0) return { files: 0, rules: 0, findings: [], errors: [] };

  const configFile = path.join(root, 'code-analyzer.yml');
  const config = existsSync(configFile) ? CodeAnalyzerConfig.fromFile(configFile) : CodeAnalyzerConfig.withDefaults();
  const analyzer = new CodeAnalyzer(config);
  const errors: string[] = [];
  const collectErrors = (event: LogEvent | EngineLogEvent): void => {
    if (event.logLevel === LogLevel.Error) errors.push(event.message.trim().replace(/\s*\n\s*/g, ' '));
  };
  analyzer.onEvent(EventType.LogEvent, collectErrors);
  // Files PMD cannot parse arrive as engine log events, not as violations.
  analyzer.onEvent(EventType.EngineLogEvent, collectErrors);
  await analyzer.addEnginePlugin(createEnginePlugin());
  const workspace = await analyzer.createWorkspace([path.join(root, sourceDir)], apexFiles);
  const selection = await analyzer.selectRules(RULE_SELECTORS, { workspace });
  const results = await analyzer.run(selection, { workspace });
  const findings = results.getViolations().map((violation): PmdFinding => {
    const location = violation.getPrimaryLocation();
    const rule = violation.getRule();
    return {
      file: toPosix(path.relative(root, location.getFile() ?? root)),
      line: location.getStartLine() ?? 1,
      column: location.getStartColumn() ?? 1,
      rule: rule.getName(),
      category: rule.getTags().find((t) => CATEGORIES.includes(t)) ?? 'Other',
      severity: SeverityLevel[rule.getSeverityLevel()],
      message: violation.getMessage().trim()
    };
  });
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
  return { files: apexFiles.length, rules: selection.getCount(), findings, errors };
}

/** `file:line:column message` for a processing error whose text names a file and a position, else the text. */
function describeError(root: string, message: string): string {
  const file = /for file '([^']+)'/.exec(message)?.[1];
  if (!file) return `PMD error: ${message}`;
  const at = /at (\d+):(\d+)/.exec(message);
  const detail = /Syntax error at \d+:\d+: (.*)$/.exec(message)?.[1] ?? message;
  return `${toPosix(path.relative(root, file))}:${at?.[1] ?? 1}:${at?.[2] ?? 1} PMD could not process the file: ${detail}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { root: { type: 'string', default: process.cwd() } } });
  const root = path.resolve(values.root);
  const started = Date.now();
  const report = await runPmd(root);
  for (const f of report.findings) {
    console.log(`${f.file}:${f.line}:${f.column} ${f.rule} (${f.category}, ${f.severity}) ${f.message}`);
  }
  for (const e of report.errors) console.log(describeError(root, e));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `pmd: ${report.files} Apex files, ${report.rules} rules, ${report.findings.length} violations, ` +
      `${report.errors.length} processing errors (${seconds}s)`
  );
  return report.findings.length || report.errors.length ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = await main();
