import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr when a person watches a terminal (`format` in cli-progress's placeholders, e.g.
 * `{value}/{total} dòng`); undefined when stderr goes to a file or a script, which read only the final result.
 */
export function terminalBar(format: string): cliProgress.SingleBar | undefined {
  if (!process.stderr.isTTY) return undefined;
  return new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
}
