/**
 * Result output shared by the commands: a result goes to stdout, as readable lines or, with --json,
 * as one line of JSON; diagnostics go to stderr (logErr). User-facing text is Chinese first, English second.
 */
import { InvalidArgumentError } from 'commander';
import type { Bilingual } from '@supervise/core';

/** Exit codes: 0 done/allowed, 1 refused or failed, 2 the input itself is wrong (unknown code, bad file). */
export const EXIT_REFUSED = 1;
export const EXIT_BAD_INPUT = 2;

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

export function printLines(lines: readonly string[]): void {
  if (lines.length) process.stdout.write(lines.join('\n') + '\n');
}

/** '中文 / English' */
export const both = (t: Bilingual): string => `${t.zh} / ${t.en}`;

/** A command-line argument that is wrong, with the message in both languages (commander prints it). */
export function badArgument(zh: string, en: string): InvalidArgumentError {
  return new InvalidArgumentError(`${zh} / ${en}`);
}

/** An error a command reports in both languages; main.ts prints `supervise: zh / en` and exits non-zero. */
export class CliError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly exitCode: number = EXIT_REFUSED,
  ) {
    super(`${zh} / ${en}`);
  }
}

/** Runs a command's action; a CliError is printed on stderr and sets the exit code, anything else propagates. */
export async function reportCliErrors(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    process.stderr.write(`supervise: ${e.message}\n`);
    process.exitCode = e.exitCode;
  }
}
