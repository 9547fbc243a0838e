/**
 * How every command of the project parses its arguments: `--help` prints the usage and exits 0; a usage mistake
 * (an unknown option, a missing or invalid value) prints one line and exits 2, as the commands' own "could not
 * run" failures do; 1 is left for "ran, and found problems".
 */
import { CommanderError, type Command } from 'commander';

/** Exit status of a command that could not run: bad arguments, a missing input, a tool that cannot start. */
export const CANNOT_RUN = 2;

/**
 * Parses the process arguments with `program`; on a usage error commander has printed, calls `onUsageError` (to
 * keep a machine-readable stdout valid) and exits 2.
 */
export function parseArguments<T>(program: Command, onUsageError?: (message: string) => void): T {
  program.exitOverride();
  try {
    program.parse();
  } catch (error) {
    if (error instanceof CommanderError && (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version')) process.exit(0);
    onUsageError?.(error instanceof Error ? error.message : String(error));
    process.exit(CANNOT_RUN);
  }
  return program.opts<T & Record<string, unknown>>();
}
