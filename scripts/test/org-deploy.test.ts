/* eslint-disable @typescript-eslint/require-await -- fakes implement the async service interfaces without awaiting anything */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { orgDeploy } from '../lib/commands/org-deploy.js';
import { toDeployOutcome, type DeployOutcome } from '../lib/deploy.js';
import { ScriptError } from '../lib/errors.js';
import { captureIo, fakeDeps, fakeStore, hubAndScratchStore, makeProject, type Calls } from './helpers.js';

type DryRun = {
  result: {
    apiVersion: string;
    components: { type: string; fullName: string; file: string }[];
    packageXml: string;
    permissionSets: string[];
    dataPlan: string | null;
  };
};

test('--dry-run lists the exact components and API version computed by SDR, offline', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const io = captureIo(dir);
  const code = await orgDeploy(['--dry-run', '--json'], io, fakeDeps(fakeStore({}), calls));
  assert.equal(code, 0);
  const body = JSON.parse(io.out()) as DryRun;
  assert.equal(body.result.apiVersion, '64.0');
  assert.deepEqual(
    body.result.components.map((row) => `${row.type}:${row.fullName}`),
    ['ApexClass:BookingService', 'ApexClass:BookingService_Tests', 'PermissionSet:BookingSyncAdmin']
  );
  assert.equal(body.result.components[0]?.file, 'force-app/main/lifecycle/classes/BookingService.cls');
  assert.match(body.result.packageXml, /<version>64\.0<\/version>/);
  assert.deepEqual(body.result.permissionSets, ['BookingSyncAdmin']);
  assert.equal(body.result.dataPlan, null);
  assert.deepEqual(calls, []);
});

test('--dry-run in text mode prints the table, the API version and the steps', async () => {
  const dir = await makeProject({ withData: true });
  const io = captureIo(dir);
  const code = await orgDeploy(['--dry-run'], io, fakeDeps(fakeStore({}), []));
  assert.equal(code, 0);
  assert.match(io.out(), /API version 64\.0 \(sourceApiVersion in sfdx-project\.json\)/);
  assert.match(io.out(), /3 components would be deployed\nType +Name +File/);
  assert.match(io.out(), /PermissionSet +BookingSyncAdmin +force-app\/main\/admin\/permissionsets/);
  assert.match(io.out(), /4\. import data\/org-plan\.json \(sf data import tree\)/);
});

test('.ts sources and __tests__ are excluded through .forceignore', async () => {
  const dir = await makeProject();
  await writeFile(path.join(dir, '.forceignore'), '**/*.ts\n**/__tests__/**\n');
  const { mkdir } = await import('node:fs/promises');
  const bundle = path.join(dir, 'force-app/main/admin/lwc/bookingAdmin');
  await mkdir(path.join(bundle, '__tests__'), { recursive: true });
  await writeFile(path.join(bundle, 'bookingAdmin.ts'), 'export default class {}\n');
  await writeFile(path.join(bundle, 'bookingAdmin.js'), 'export default class {}\n');
  await writeFile(path.join(bundle, 'bookingAdmin.html'), '<template></template>\n');
  await writeFile(
    path.join(bundle, 'bookingAdmin.js-meta.xml'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>64.0</apiVersion>\n    <isExposed>true</isExposed>\n</LightningComponentBundle>\n'
  );
  await writeFile(path.join(bundle, '__tests__/bookingAdmin.test.ts'), 'test("x", () => {});\n');
  const io = captureIo(dir);
  assert.equal(await orgDeploy(['--dry-run', '--json'], io, fakeDeps(fakeStore({}), [])), 0);
  const body = JSON.parse(io.out()) as DryRun;
  assert.ok(
    body.result.components.some((row) => row.type === 'LightningComponentBundle' && row.fullName === 'bookingAdmin')
  );
  assert.doesNotMatch(body.result.packageXml, /\.ts</);
});

test('an unknown --target-org alias exits 2 before building or connecting', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const io = captureIo(dir);
  const code = await orgDeploy(['--target-org', 'nosuch'], io, fakeDeps(hubAndScratchStore(), calls));
  assert.equal(code, 2);
  assert.equal(
    io.err().split('\n')[0],
    "Error (UnknownAlias): No org is authorised under the alias or username 'nosuch'."
  );
  assert.deepEqual(calls, []);
});

test('a permission set that is not in the source is refused before connecting', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const io = captureIo(dir);
  const code = await orgDeploy(
    ['--no-build', '--permission-sets', 'BookingSyncAdmin,Nope'],
    io,
    fakeDeps(hubAndScratchStore(), calls)
  );
  assert.equal(code, 2);
  assert.match(io.err(), /Permission set Nope is not in the deployed source/);
  assert.match(io.err(), /Choose from: BookingSyncAdmin/);
  assert.deepEqual(calls, []);
});

test('a data plan that is not the sf tree format is refused offline', async () => {
  const dir = await makeProject();
  await writeFile(path.join(dir, 'plan.json'), JSON.stringify({ accounts: [] }));
  const io = captureIo(dir);
  const code = await orgDeploy(['--dry-run', '--data-plan', 'plan.json'], io, fakeDeps(fakeStore({}), []));
  assert.equal(code, 2);
  assert.match(io.err(), /plan\.json: must be an array \(sf data import tree plan format\)/);
});

function outcome(partial: Partial<DeployOutcome>): DeployOutcome {
  return { id: '0Af000000000001AAA', success: true, status: 'Succeeded', rows: [], failures: [], ...partial };
}

test('a successful deploy builds first, shows progress and the component table, assigns permission sets and imports data', async () => {
  const dir = await makeProject({ withData: true });
  const calls: Calls = [];
  const deps = fakeDeps(hubAndScratchStore(), calls, {
    deployer: {
      deploy: async (listing, _connection, onProgress, options) => {
        calls.push(
          `deploy ${listing.components.length} @${listing.apiVersion} wait ${options.waitMinutes} ${options.testLevel}`
        );
        onProgress({ status: 'InProgress', deployed: 1, total: 3, errors: 0 });
        onProgress({ status: 'InProgress', deployed: 1, total: 3, errors: 0 });
        onProgress({ status: 'Succeeded', deployed: 3, total: 3, errors: 0 });
        return outcome({
          rows: listing.components.map((row) => ({
            state: 'Created',
            type: row.type,
            fullName: row.fullName,
            file: row.file
          }))
        });
      }
    }
  });
  const io = captureIo(dir);
  const code = await orgDeploy([], io, deps);
  assert.equal(code, 0, io.err());
  assert.deepEqual(calls, [
    'build',
    'connect test-abc@example.com',
    'deploy 3 @64.0 wait 30 NoTestRun',
    'permsets BookingSyncAdmin',
    'data data/org-plan.json'
  ]);
  assert.equal(
    io.err().match(/Deploy InProgress: 1\/3 components, 0 errors/g)?.length,
    1,
    'repeated progress is printed once'
  );
  assert.match(io.out(), /Deploy 0Af000000000001AAA: Succeeded\nState +Type +Name +File/);
  assert.match(
    io.out(),
    /Created +ApexClass +BookingService +force-app\/main\/lifecycle\/classes\/BookingService\.cls/
  );
  assert.match(io.err(), /Imported 2 Account/);
});

test('a failed deploy lists every error with file, line and problem, and exits 1', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const failures = [
    {
      state: 'Failed',
      type: 'ApexClass',
      fullName: 'BookingService',
      file: 'force-app/main/lifecycle/classes/BookingService.cls',
      line: 2,
      column: 41,
      problem: 'Variable does not exist: x'
    },
    {
      state: 'Failed',
      type: 'ApexClass',
      fullName: 'BookingService_Tests',
      file: 'force-app/tests/lifecycle/BookingService_Tests.cls',
      line: 4,
      column: 9,
      problem: 'Dependent class is invalid'
    }
  ];
  const deps = fakeDeps(hubAndScratchStore(), calls, {
    deployer: { deploy: async () => outcome({ success: false, status: 'Failed', rows: failures, failures }) }
  });
  const io = captureIo(dir);
  const code = await orgDeploy(['--no-build', '--skip-data'], io, deps);
  assert.equal(code, 1);
  assert.match(io.out(), /Deploy errors\nFile:Line:Col +Component +Problem/);
  assert.match(
    io.out(),
    /force-app\/main\/lifecycle\/classes\/BookingService\.cls:2:41 +ApexClass BookingService +Variable does not exist: x/
  );
  assert.match(
    io.out(),
    /force-app\/tests\/lifecycle\/BookingService_Tests\.cls:4:9 +ApexClass BookingService_Tests +Dependent class is invalid/
  );
  assert.match(
    io.err(),
    /^Error \(DeployFailed\): Deploy 0Af000000000001AAA failed with 2 errors; first: force-app\/main\/lifecycle\/classes\/BookingService\.cls:2:41 {2}ApexClass BookingService: Variable does not exist: x$/m
  );
  assert.ok(!calls.some((call) => call.startsWith('permsets')), 'no permission sets after a failed deploy');
});

test('deploy failures in --json carry the full failure list', async () => {
  const dir = await makeProject();
  const failures = [
    { state: 'Failed', type: 'ApexClass', fullName: 'A', file: 'a.cls', line: 1, column: 1, problem: 'p' }
  ];
  const deps = fakeDeps(hubAndScratchStore(), [], {
    deployer: { deploy: async () => outcome({ success: false, status: 'Failed', rows: failures, failures }) }
  });
  const io = captureIo(dir);
  assert.equal(await orgDeploy(['--no-build', '--json'], io, deps), 1);
  const body = JSON.parse(io.out()) as { name: string; data: { failures: unknown[] } };
  assert.equal(body.name, 'DeployFailed');
  assert.deepEqual(body.data.failures, failures);
});

test('a failing LWC build stops the deploy before connecting', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const deps = fakeDeps(hubAndScratchStore(), calls, {
    tools: {
      runBuild: async () => {
        throw new ScriptError('BuildFailed', '`npm run build` (LWC TypeScript) failed: TS2322');
      },
      assignPermissionSets: async () => assert.fail('no permsets'),
      importData: async () => assert.fail('no data')
    }
  });
  const io = captureIo(dir);
  assert.equal(await orgDeploy([], io, deps), 1);
  assert.match(io.err(), /BuildFailed/);
  assert.deepEqual(calls, []);
});

test('toDeployOutcome keeps file failures and adds org failures that name no source file', () => {
  const result = {
    response: {
      id: '0Af1',
      success: false,
      status: 'Failed',
      details: {
        componentFailures: [
          {
            componentType: 'ApexClass',
            fullName: 'A',
            fileName: 'classes/A.cls',
            lineNumber: '3',
            columnNumber: '7',
            problem: 'dup of file response',
            problemType: 'Error'
          },
          {
            componentType: '',
            fullName: 'package.xml',
            fileName: 'package.xml',
            problem: 'An object could not be found',
            problemType: 'Error'
          },
          {
            componentType: 'CustomField',
            fullName: 'Event.X__c',
            fileName: 'objects/Event/fields/X__c',
            problem: 'just a warning',
            problemType: 'Warning'
          }
        ]
      }
    },
    getFileResponses: () => [
      {
        state: 'Failed',
        type: 'ApexClass',
        fullName: 'A',
        filePath: '/p/force-app/A.cls',
        lineNumber: 3,
        columnNumber: 7,
        error: 'Unexpected token\n  ;'
      },
      { state: 'Created', type: 'ApexClass', fullName: 'B', filePath: '/p/force-app/B.cls' }
    ]
  };
  const got = toDeployOutcome(result, (file) => file.replace('/p/', ''));
  assert.equal(got.rows.length, 2);
  assert.deepEqual(
    got.failures.map((row) => [row.file, row.line, row.column, row.problem]),
    [
      ['force-app/A.cls', 3, 7, 'Unexpected token ;'],
      ['package.xml', undefined, undefined, 'An object could not be found']
    ]
  );
});

test('--test-level is shown in the dry run and passed to the deploy', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  assert.equal(await orgDeploy(['--dry-run', '--test-level', 'RunLocalTests'], io, fakeDeps(fakeStore({}), [])), 0);
  assert.match(io.out(), /with Metadata API 64\.0 \(rollbackOnError, RunLocalTests\)/);

  const seen: string[] = [];
  const deps = fakeDeps(hubAndScratchStore(), [], {
    deployer: {
      deploy: async (_listing, _connection, _onProgress, options) => {
        seen.push(options.testLevel);
        return outcome({});
      }
    }
  });
  assert.equal(await orgDeploy(['--no-build', '--skip-data', '-l', 'RunAllTestsInOrg'], captureIo(dir), deps), 0);
  assert.deepEqual(seen, ['RunAllTestsInOrg']);
});
