#!/usr/bin/env node
// briefdeck is TypeScript run through tsx, so it works straight after `npm install`
// with no compile step.
import { register } from 'tsx/esm/api';

register();
const { main, installSignalCleanup } = await import('../src/cli/main.ts');
installSignalCleanup();
process.exitCode = await main(process.argv.slice(2));
