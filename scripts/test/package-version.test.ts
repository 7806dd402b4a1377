/* eslint-disable @typescript-eslint/require-await -- fakes implement the async service interfaces without awaiting anything */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageVersion } from '../lib/commands/package-version.js';
import { resolveAncestor, versionAlias, type PackagingClient, type VersionRequest } from '../lib/packaging.js';
import {
  PROJECT_JSON,
  captureIo,
  fakeDeps,
  fakeStore,
  hubAndScratchStore,
  makeProject,
  type Calls
} from './helpers.js';

function packaging(
  calls: Calls,
  options: {
    existing?: { namespace: string | null; type?: string };
    released?: boolean;
    status?: string;
    errors?: string[];
    seen?: { request?: VersionRequest };
  } = {}
): PackagingClient {
  return {
    findPackage: async (_session, id) => {
      calls.push(`find ${id}`);
      return options.existing
        ? {
            id,
            name: 'BookingSync',
            namespace: options.existing.namespace,
            containerOptions: options.existing.type ?? 'Managed'
          }
        : undefined;
    },
    createPackage: async (_session, spec) => {
      calls.push(`create package ${spec.name} ns=${spec.namespace} errors→${spec.errorUsername}`);
      return '0Ho000000000001AAA';
    },
    hasReleasedVersion: async () => {
      calls.push('released?');
      return options.released ?? false;
    },
    createVersion: async (_session, _dir, request, onProgress) => {
      calls.push(
        `version ${request.versionNumber} ancestor=${request.ancestorVersion ?? '-'} key=${request.installationKey ?? 'bypass'}`
      );
      if (options.seen) options.seen.request = request;
      onProgress('Queued');
      onProgress('VerifyingMetadata');
      const ok = (options.status ?? 'Success') === 'Success';
      return {
        requestId: '08c000000000001AAA',
        status: options.status ?? 'Success',
        subscriberPackageVersionId: ok ? '04t000000000001AAA' : null,
        versionNumber: ok ? '0.1.0.1' : null,
        codeCoverage: ok ? 82 : null,
        passedCodeCoverageCheck: ok ? true : null,
        errors: options.errors ?? []
      };
    }
  };
}

test('--dry-run shows package, namespace, version, ancestor policy and key mode, offline', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const io = captureIo(dir);
  const code = await packageVersion(
    ['--dry-run', '--json', '--installation-key-bypass'],
    io,
    fakeDeps(fakeStore({}), calls)
  );
  assert.equal(code, 0, io.out());
  const body = JSON.parse(io.out()) as { result: Record<string, unknown>; warnings: string[] };
  assert.equal(body.result.namespace, 'bksync');
  assert.equal(body.result.versionNumber, '0.1.0.NEXT');
  assert.equal(body.result.versionName, 'Spring booking lifecycle');
  assert.equal(body.result.ancestorPolicy, 'HIGHEST');
  assert.equal(body.result.installationKey, 'bypassed');
  assert.equal(body.result.packageId, null);
  assert.match(body.warnings[0] ?? '', /No Dev Hub is authorised/);
  assert.deepEqual(calls, []);
});

test('without a key and without --installation-key-bypass it refuses, naming the variable', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  assert.equal(await packageVersion([], io, fakeDeps(hubAndScratchStore(), [])), 2);
  assert.match(io.err(), /No installation key: PKG_KEY is not set and --installation-key-bypass was not given/);
});

test('first run creates the namespaced package, records its alias, builds with ancestor NONE and prints the install URL', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const io = captureIo(dir, { PKG_KEY: 's3cret' });
  const code = await packageVersion(
    ['--tag', 'abc123'],
    io,
    fakeDeps(hubAndScratchStore(), calls, { packaging: packaging(calls) })
  );
  assert.equal(code, 0, io.err());
  assert.deepEqual(calls, [
    'connect hub@example.com',
    'create package BookingSync ns=bksync errors→hub@example.com',
    'released?',
    'version 0.1.0.NEXT ancestor=NONE key=s3cret'
  ]);
  const project = JSON.parse(await readFile(path.join(dir, 'sfdx-project.json'), 'utf8')) as typeof PROJECT_JSON & {
    packageAliases: Record<string, string>;
  };
  assert.deepEqual(project.packageAliases, {
    BookingSync: '0Ho000000000001AAA',
    'BookingSync@0.1.0-1': '04t000000000001AAA'
  });
  assert.equal(project.namespace, '', 'the namespace stays out of sfdx-project.json');
  assert.equal(project.packageDirectories[0]?.ancestorVersion, 'HIGHEST', 'the policy in the file is untouched');
  assert.match(
    io.out(),
    /Install \(production\/Developer Edition\): https:\/\/login\.salesforce\.com\/packaging\/installPackage\.apexp\?p0=04t000000000001AAA/
  );
  assert.match(
    io.out(),
    /npx sf package install --package BookingSync@0\.1\.0-1 --target-org <alias> --wait 10 --installation-key <key>/
  );
  assert.match(io.err(), /Ancestor: HIGHEST, but no version is released yet/);
  assert.match(io.err(), /Package version: Queued\n… Package version: VerifyingMetadata/);
  assert.doesNotMatch(io.out() + io.err(), /s3cret/, 'the key is never printed');
});

test('a later run checks the existing package and descends from the highest released version', async () => {
  const dir = await makeProject({
    projectJson: { ...PROJECT_JSON, packageAliases: { BookingSync: '0Ho000000000001AAA' } }
  });
  const calls: Calls = [];
  const io = captureIo(dir);
  const code = await packageVersion(
    ['-x'],
    io,
    fakeDeps(hubAndScratchStore(), calls, {
      packaging: packaging(calls, { existing: { namespace: 'bksync' }, released: true })
    })
  );
  assert.equal(code, 0, io.err());
  assert.deepEqual(calls, [
    'connect hub@example.com',
    'find 0Ho000000000001AAA',
    'released?',
    'version 0.1.0.NEXT ancestor=HIGHEST key=bypass'
  ]);
});

test('a package whose namespace differs from the config is refused before building', async () => {
  const dir = await makeProject({
    projectJson: { ...PROJECT_JSON, packageAliases: { BookingSync: '0Ho000000000001AAA' } }
  });
  const calls: Calls = [];
  const io = captureIo(dir);
  const code = await packageVersion(
    ['-x'],
    io,
    fakeDeps(hubAndScratchStore(), calls, { packaging: packaging(calls, { existing: { namespace: 'other' } }) })
  );
  assert.equal(code, 1);
  assert.match(io.err(), /is Managed with namespace 'other', but config\/packaging\.json asks for Managed 'bksync'/);
  assert.ok(!calls.some((call) => call.startsWith('version')));
});

test('a failed build reports the first error and the count, and records no alias', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const io = captureIo(dir);
  const client = packaging(calls, {
    status: 'Error',
    errors: ['BookingService: Invalid type: Foo', 'second', 'third']
  });
  assert.equal(await packageVersion(['-x'], io, fakeDeps(hubAndScratchStore(), calls, { packaging: client })), 1);
  assert.match(
    io.err(),
    /^Error \(PackageVersionFailed\): Package version request 08c000000000001AAA failed: BookingService: Invalid type: Foo \(\+2 more\)$/m
  );
  const project = JSON.parse(await readFile(path.join(dir, 'sfdx-project.json'), 'utf8')) as {
    packageAliases: Record<string, string>;
  };
  assert.deepEqual(Object.keys(project.packageAliases), ['BookingSync']);
});

test('a malformed version number is refused offline', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  assert.equal(await packageVersion(['-x', '--version-number', '1.2'], io, fakeDeps(hubAndScratchStore(), [])), 2);
  assert.match(io.err(), /Version number '1\.2' must look like 1\.2\.0\.NEXT or 1\.2\.0\.4/);
});

test('an invalid namespace in the packaging config is reported with its line', async () => {
  const dir = await makeProject();
  await writeFile(
    path.join(dir, 'config/packaging.json'),
    '{\n  "package": "BookingSync",\n  "namespace": "bk_sync"\n}\n'
  );
  const io = captureIo(dir);
  assert.equal(await packageVersion(['-x', '--dry-run'], io, fakeDeps(fakeStore({}), [])), 2);
  assert.match(io.err(), /config\/packaging\.json:3: namespace 'bk_sync' must be 1-15 letters or digits/);
});

test('a packaging config naming a package the project lacks is refused', async () => {
  const dir = await makeProject();
  await writeFile(path.join(dir, 'config/packaging.json'), JSON.stringify({ package: 'Other', namespace: 'bksync' }));
  const io = captureIo(dir);
  assert.equal(await packageVersion(['-x', '--dry-run'], io, fakeDeps(fakeStore({}), [])), 2);
  assert.match(io.err(), /No package directory in sfdx-project\.json has "package": "Other"/);
});

test('ancestor policy: HIGHEST becomes NONE only before the first release; pins pass through', () => {
  assert.equal(resolveAncestor('HIGHEST', false).sent, 'NONE');
  assert.equal(resolveAncestor('HIGHEST', true).sent, 'HIGHEST');
  assert.equal(resolveAncestor('1.2.0', true).sent, '1.2.0');
  assert.equal(resolveAncestor(undefined, true).sent, undefined);
  assert.equal(versionAlias('BookingSync', '1.4.0.12'), 'BookingSync@1.4.0-12');
});

test('the repository packaging config and project agree', async () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const io = captureIo(root);
  assert.equal(await packageVersion(['--dry-run', '--json', '-x'], io, fakeDeps(fakeStore({}), [])), 0, io.out());
  const body = JSON.parse(io.out()) as { result: { namespace: string; package: string } };
  assert.deepEqual([body.result.package, body.result.namespace], ['BookingSync', 'bksync']);
});

test('--dry-run works offline without an installation key: it warns that a real run would stop', async () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const io = captureIo(root, {});
  assert.equal(await packageVersion(['--dry-run'], io, fakeDeps(fakeStore({}), [])), 0, io.err());
  assert.match(io.err() + io.out(), /No installation key: .* A real run would stop here\./);
  assert.match(io.out(), /installation key: missing \(PACKAGE_INSTALLATION_KEY unset\)/);
});
