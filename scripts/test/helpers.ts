/* eslint-disable @typescript-eslint/require-await -- fakes implement the async service interfaces without awaiting anything */
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import type { TestResult } from '@salesforce/apex-node';
import type { AuthRecord, AuthStore } from '../lib/auth.js';
import type { ScriptIo } from '../lib/cli.js';
import type { Deps, OrgSession } from '../lib/services.js';
import { ScriptError } from '../lib/errors.js';

export type CapturedIo = ScriptIo & { out: () => string; err: () => string };

export function captureIo(cwd: string, env: Record<string, string | undefined> = {}): CapturedIo {
  let stdout = '';
  let stderr = '';
  return {
    cwd,
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    out: () => stdout,
    err: () => stderr
  };
}

export function fakeStore(options: {
  orgs?: AuthRecord[];
  aliases?: Record<string, string>;
  config?: { 'target-dev-hub'?: string; 'target-org'?: string };
}): AuthStore {
  const orgs = new Map((options.orgs ?? []).map((org) => [org.username, org]));
  const aliases = options.aliases ?? {};
  return {
    usernameForAlias: (alias) => aliases[alias],
    aliasesOf: (username) => Object.keys(aliases).filter((alias) => aliases[alias] === username),
    configValue: (key) => options.config?.[key],
    read: async (username) => orgs.get(username)
  };
}

export const HUB: AuthRecord = {
  username: 'hub@example.com',
  isDevHub: true,
  instanceUrl: 'https://hub.my.salesforce.com',
  orgId: '00D000000000001AAA'
};
export const SCRATCH: AuthRecord = {
  username: 'test-abc@example.com',
  devHubUsername: 'hub@example.com',
  instanceUrl: 'https://scratch.my.salesforce.com',
  orgId: '00D000000000002AAA'
};

export function hubAndScratchStore(): AuthStore {
  return fakeStore({
    orgs: [HUB, SCRATCH],
    aliases: { devhub: HUB.username, 'bksync-scratch': SCRATCH.username },
    config: { 'target-dev-hub': 'devhub', 'target-org': 'bksync-scratch' }
  });
}

/** Records every call, so tests can assert what was (and was not) reached. */
export type Calls = string[];

function unexpected(name: string): never {
  throw new Error(`unexpected call: ${name}`);
}

export function fakeDeps(store: AuthStore, calls: Calls, overrides: Partial<Deps> = {}): Deps {
  const session = (username: string): OrgSession => ({
    username,
    org: {} as OrgSession['org'],
    connection: {} as OrgSession['connection']
  });
  return {
    authStore: async () => store,
    connect: async (target) => {
      calls.push(`connect ${target.username}`);
      return session(target.username);
    },
    scratchOrgs: {
      create: async () => unexpected('scratchOrgs.create'),
      delete: async () => unexpected('scratchOrgs.delete')
    },
    deployer: { deploy: async () => unexpected('deployer.deploy') },
    tools: {
      runBuild: async () => void calls.push('build'),
      assignPermissionSets: async (_session, names) => {
        calls.push(`permsets ${names.join(',')}`);
        return names.map((name) => ({ name, status: 'assigned' as const }));
      },
      importData: async (_dir, plan) => {
        calls.push(`data ${plan}`);
        return [{ sobject: 'Account', count: 2 }];
      }
    },
    testRunner: { run: async () => unexpected('testRunner.run') },
    packaging: {
      findPackage: async () => unexpected('findPackage'),
      createPackage: async () => unexpected('createPackage'),
      hasReleasedVersion: async () => unexpected('hasReleasedVersion'),
      createVersion: async () => unexpected('createVersion')
    },
    ...overrides
  };
}

export const PROJECT_JSON = {
  packageDirectories: [
    {
      path: 'force-app',
      default: true,
      package: 'BookingSync',
      versionName: 'Spring booking lifecycle',
      versionNumber: '0.1.0.NEXT',
      ancestorVersion: 'HIGHEST'
    }
  ],
  name: 'fixture',
  namespace: '',
  sourceApiVersion: '64.0',
  packageAliases: {}
};

/** A small real SFDX project on disk: SDR reads it, so listings in tests are computed, not stubbed. */
export async function makeProject(
  options: { projectJson?: unknown; rawProjectJson?: string; withData?: boolean } = {}
): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'org-scripts-'));
  const write = async (file: string, text: string): Promise<void> => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  };
  await write(
    'sfdx-project.json',
    options.rawProjectJson ?? JSON.stringify(options.projectJson ?? PROJECT_JSON, null, 2)
  );
  await write(
    'config/project-scratch-def.json',
    JSON.stringify({ orgName: 'Fixture', edition: 'Developer', features: [] }, null, 2)
  );
  await write(
    'config/packaging.json',
    JSON.stringify(
      {
        package: 'BookingSync',
        namespace: 'bksync',
        packageType: 'Managed',
        description: 'd',
        installationKeyEnv: 'PKG_KEY'
      },
      null,
      2
    )
  );
  const meta =
    '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>64.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n';
  await write(
    'force-app/main/lifecycle/classes/BookingService.cls',
    'public with sharing class BookingService {\n    public static Integer two() { return 2; }\n}\n'
  );
  await write('force-app/main/lifecycle/classes/BookingService.cls-meta.xml', meta);
  await write(
    'force-app/tests/lifecycle/BookingService_Tests.cls',
    '@IsTest\nprivate class BookingService_Tests {\n    @IsTest\n    static void it_returns_two() { System.Assert.areEqual(2, BookingService.two()); }\n}\n'
  );
  await write('force-app/tests/lifecycle/BookingService_Tests.cls-meta.xml', meta);
  await write(
    'force-app/main/admin/permissionsets/BookingSyncAdmin.permissionset-meta.xml',
    '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Booking Sync Admin</label>\n</PermissionSet>\n'
  );
  if (options.withData) {
    await write(
      'data/org-plan.json',
      JSON.stringify([{ sobject: 'Account', saveRefs: true, resolveRefs: false, files: ['accounts.json'] }])
    );
  }
  return dir;
}

export function testResult(options: {
  tests: {
    cls: string;
    method: string;
    outcome: 'Pass' | 'Fail' | 'Skip' | 'CompileFail';
    message?: string;
    stack?: string;
    ms?: number;
  }[];
  coverage?: { name: string; type?: 'ApexClass' | 'ApexTrigger'; covered: number; uncovered: number }[];
}): TestResult {
  const failing = options.tests.filter((test) => test.outcome === 'Fail' || test.outcome === 'CompileFail').length;
  const skipped = options.tests.filter((test) => test.outcome === 'Skip').length;
  const passing = options.tests.length - failing - skipped;
  return {
    summary: {
      failRate: '0%',
      testsRan: options.tests.length,
      orgId: '00D000000000002AAA',
      outcome: failing > 0 ? 'Failed' : 'Passed',
      passing,
      failing,
      skipped,
      passRate: '100%',
      skipRate: '0%',
      testStartTime: '2026-11-22T04:00:00.000Z',
      testExecutionTimeInMs: 1200,
      testTotalTimeInMs: 1500,
      commandTimeInMs: 2000,
      hostname: 'https://scratch.my.salesforce.com',
      username: SCRATCH.username,
      testRunId: '707000000000001AAA',
      userId: '005000000000001AAA'
    },
    tests: options.tests.map((test, i) => ({
      id: `07M00000000000${i}AAA`,
      queueItemId: '709000000000001AAA',
      stackTrace: test.stack ?? null,
      message: test.message ?? null,
      asyncApexJobId: '707000000000001AAA',
      methodName: test.method,
      outcome: test.outcome as TestResult['tests'][number]['outcome'],
      apexLogId: null,
      apexClass: { id: '01p000000000001AAA', name: test.cls, namespacePrefix: '', fullName: test.cls },
      runTime: test.ms ?? 10,
      testTimestamp: '2026-11-22T04:00:00.000Z',
      fullName: `${test.cls}.${test.method}`
    })),
    codecoverage: (options.coverage ?? []).map((item, i) => ({
      apexId: `01p00000000000${i}AAA`,
      name: item.name,
      type: item.type ?? 'ApexClass',
      numLinesCovered: item.covered,
      numLinesUncovered: item.uncovered,
      percentage: '',
      coveredLines: [],
      uncoveredLines: []
    }))
  };
}

export function parseJsonOutput(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

export { ScriptError };
