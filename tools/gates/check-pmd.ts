/**
 * Gate: PMD on all Apex through @salesforce/code-analyzer-core and its PMD engine (offline; PMD runs on the local
 * Java 17). Rules: PMD's Recommended set plus every Security, ErrorProne and AppExchange rule; project-wide
 * exceptions live in code-analyzer.yml with their reasons. Every violation is printed as
 * `file:line:column Rule (category, severity) message`; each one fails the gate except those of the Design category
 * (complexity and size metrics such as CyclomaticComplexity or ExcessiveParameterList), which are printed as advice:
 * their thresholds are heuristics a reviewer weighs, and failing the build on a four-parameter method would push code
 * into worse shapes. Security, ErrorProne, BestPractices, Performance, CodeStyle and Documentation all block, and so
 * does any file PMD cannot process.
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

/** Categories reported as advice, not failures (see the header). */
export const ADVISORY_CATEGORIES = new Set(['Design']);

function categoryOf(ruleName: string, tags: readonly string[]): string {
  const tagged = tags.find((t) => CATEGORIES.includes(t));
  if (tagged) return tagged;
  // PMD's NCSS size rules are Design rules; code-analyzer tags NcssCount only as "Custom".
  return ruleName.startsWith('Ncss') ? 'Design' : 'Other';
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
      category: categoryOf(rule.getName(), rule.getTags()),
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
  const blocking = report.findings.filter((f) => !ADVISORY_CATEGORIES.has(f.category));
  const advice = report.findings.filter((f) => ADVISORY_CATEGORIES.has(f.category));
  for (const f of advice) {
    console.log(`advice: ${f.file}:${f.line}:${f.column} ${f.rule} (${f.category}, ${f.severity}) ${f.message}`);
  }
  for (const f of blocking) {
    console.log(`${f.file}:${f.line}:${f.column} ${f.rule} (${f.category}, ${f.severity}) ${f.message}`);
  }
  for (const e of report.errors) console.log(describeError(root, e));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `pmd: ${report.files} Apex files, ${report.rules} rules, ${blocking.length} violations, ` +
      `${report.errors.length} processing errors, ${advice.length} design advice (${seconds}s)`
  );
  return blocking.length || report.errors.length ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = await main();
