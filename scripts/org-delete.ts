import { exitWith, processIo } from './lib/cli.js';
import { orgDelete } from './lib/commands/org-delete.js';
import { realDeps } from './lib/real-deps.js';

exitWith(await orgDelete(process.argv.slice(2), processIo(), realDeps()));
