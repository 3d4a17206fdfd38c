#!/usr/bin/env node
import { buildProgram } from './program.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`supervise: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
