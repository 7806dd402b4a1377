import { processIo } from './lib/cli.js';
import { orgTest } from './lib/commands/org-test.js';
import { realDeps } from './lib/real-deps.js';

process.exitCode = await orgTest(process.argv.slice(2), processIo(), realDeps());
