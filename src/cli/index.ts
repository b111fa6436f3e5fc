#!/usr/bin/env node
import './quiet-warnings';
import { processIo } from './cli-io';
import { runCli } from './program';

export { runCli } from './program';
export type { CliIo } from './cli-io';

/** `guestpass` (dist/cli/index.js) and `npm run cli`: the exit code is left to the process, which ends by itself. */
if (require.main === module) {
  void runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
