import { exitWith, processIo } from './lib/cli.js';
import { orgDeploy } from './lib/commands/org-deploy.js';
import { realDeps } from './lib/real-deps.js';

exitWith(await orgDeploy(process.argv.slice(2), processIo(), realDeps()));
