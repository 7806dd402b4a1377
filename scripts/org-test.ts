import { exitWith, processIo } from './lib/cli.js';
import { orgTest } from './lib/commands/org-test.js';
import { realDeps } from './lib/real-deps.js';

exitWith(await orgTest(process.argv.slice(2), processIo(), realDeps()));
