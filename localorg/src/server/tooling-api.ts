/**
 * The parts of the Tooling API (`/services/data/vNN.N/tooling/…`) the sf CLI uses against an org: `runTestsSynchronous`
 * (`sf apex run test --synchronous` with one class) answered in the platform's RunTestsResult shape, and tooling
 * queries. Tests run isolated from the org's data, as on the platform: nothing they write is kept or journaled.
 */
import { ApexId } from '../values/values.js';
import { HttpError, methodNotAllowed } from './errors.js';
import { parseJsonBody } from './request-body.js';
import type { ApexTestOutcome, DeveloperApi, ServerDataPlatform } from './runtime-seams.js';
import type { Json } from './sobject-json.js';

/** Tooling objects that exist in every org but hold nothing in localorg (no sandboxes): their queries answer empty. */
const EMPTY_TOOLING_OBJECTS = /\bFROM\s+(SandboxProcess|SandboxInfo)\b/i;

export function emptyToolingQuery(soql: string): Json | null {
  return EMPTY_TOOLING_OBJECTS.test(soql)
    ? { size: 0, totalSize: 0, done: true, queryLocator: null, records: [] }
    : null;
}

interface TestSpec {
  className: string;
  methods?: string[];
}

/** Reads `{tests:[{className, testMethods?}]}` or the older `{classNames:"A,B"}`; refuses anything else. */
function testSpecs(body: Buffer): TestSpec[] {
  const parsed = parseJsonBody(body);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw HttpError.of(400, 'JSON_PARSER_ERROR', 'Expected {"tests": [{"className": …}]} in the request body');
  }
  const { tests, classNames } = parsed as { tests?: unknown; classNames?: unknown };
  if (typeof classNames === 'string' && tests === undefined) {
    return classNames
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '')
      .map((className) => ({ className }));
  }
  if (!Array.isArray(tests) || tests.length === 0) {
    throw HttpError.of(400, 'INVALID_INPUT', 'Specify the tests to run: {"tests": [{"className": "MyTest"}]}');
  }
  return tests.map((t) => {
    const { className, testMethods } = (t ?? {}) as { className?: unknown; testMethods?: unknown };
    if (typeof className !== 'string' || className === '') {
      throw HttpError.of(400, 'INVALID_INPUT', 'Each entry of "tests" needs a "className"');
    }
    if (testMethods !== undefined && !(Array.isArray(testMethods) && testMethods.every((m) => typeof m === 'string'))) {
      throw HttpError.of(400, 'INVALID_INPUT', '"testMethods" must be an array of method names');
    }
    return { className, ...(testMethods ? { methods: testMethods } : {}) };
  });
}

export function runTestsSynchronous(
  platform: ServerDataPlatform,
  developer: DeveloperApi | null | undefined,
  method: string,
  body: Buffer
): Json {
  if (method !== 'POST') throw methodNotAllowed(method, ['POST']);
  if (!developer) throw HttpError.of(400, 'INVALID_INPUT', 'This org serves no Apex project');
  const specs = testSpecs(body);
  if (specs.length > 1) {
    throw HttpError.of(
      400,
      'INVALID_INPUT',
      'Synchronous test runs are limited to one test class; run more asynchronously'
    );
  }
  const known = new Map(developer.testClassNames().map((n) => [n.toLowerCase(), n]));
  for (const s of specs) {
    if (!known.has(s.className.toLowerCase())) {
      throw HttpError.of(404, 'NOT_FOUND', `No test class named ${s.className} was found`);
    }
  }
  const classIds = apexClassIds(platform);
  const started = Date.now();
  const outcomes = developer.runTests(specs.map((s) => ({ ...s, className: known.get(s.className.toLowerCase())! })));
  const totalTime = Date.now() - started;
  const entry = (o: ApexTestOutcome): { [key: string]: Json } => ({
    id: classIds.get(o.className.toLowerCase()) ?? null,
    name: o.className,
    namespace: null,
    methodName: o.methodName,
    seeAllData: false,
    time: o.ms
  });
  const failures = outcomes.filter((o) => !o.passed);
  return {
    apexLogId: null,
    codeCoverage: [],
    codeCoverageWarnings: [],
    failures: failures.map((o) => ({
      ...entry(o),
      message: o.message ?? '',
      stackTrace: o.stackTrace ?? '',
      type: 'Class'
    })),
    flowCoverage: [],
    flowCoverageWarnings: [],
    numFailures: failures.length,
    numTestsRun: outcomes.length,
    successes: outcomes.filter((o) => o.passed).map(entry),
    totalTime
  };
}

function apexClassIds(platform: ServerDataPlatform): Map<string, string> {
  const rows = platform.queryText('SELECT Id, Name FROM ApexClass', { unmetered: true });
  const out = new Map<string, string>();
  if (typeof rows === 'number') return out;
  for (const r of rows) {
    const id = r.get('Id');
    const name = r.get('Name');
    if (id instanceof ApexId && typeof name === 'string') out.set(name.toLowerCase(), id.value);
  }
  return out;
}
