import { exitWith, processIo } from './lib/cli.js';
import { packageVersion } from './lib/commands/package-version.js';
import { realDeps } from './lib/real-deps.js';

exitWith(await packageVersion(process.argv.slice(2), processIo(), realDeps()));
