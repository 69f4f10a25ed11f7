import { ConfigError } from './config';
import { EnvironmentError } from './environment-error';
import { ToolMissingError } from './tools';

/**
 * Runs an entry point's main(). An environment problem (bad variable, port taken, service down, missing tool) is
 * printed as its one-line message with the fix, without a stack trace; anything else is a bug and keeps its stack.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const expected =
      error instanceof EnvironmentError || error instanceof ConfigError || error instanceof ToolMissingError;
    process.stderr.write(
      `\nĐôn đốc dừng: ${expected ? error.message : String(error instanceof Error ? (error.stack ?? error.message) : error)}\n`,
    );
    process.exit(1);
  });
}
