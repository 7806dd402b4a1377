#!/usr/bin/env node
// Entry point for `npx localorg …`. localorg is written in TypeScript and runs from source through tsx's loader, so a
// fresh clone needs only `npm ci`, with no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
