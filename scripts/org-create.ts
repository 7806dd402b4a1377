import { exitWith, processIo } from './lib/cli.js';
import { orgCreate } from './lib/commands/org-create.js';
import { realDeps } from './lib/real-deps.js';

exitWith(await orgCreate(process.argv.slice(2), processIo(), realDeps()));
