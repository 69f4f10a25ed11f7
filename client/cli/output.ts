import Table from 'cli-table3';

export interface OutputOptions {
  json?: boolean;
}

/** Prints rows as a table for people, or as JSON (the given value, unchanged) for scripts with `--json`. */
export function printRows<T extends object>(
  rows: readonly T[],
  columns: ReadonlyArray<{ header: string; value: (row: T) => string | number | null | undefined }>,
  options: OutputOptions,
): void {
  if (options.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  const table = new Table({ head: columns.map((column) => column.header), style: { head: [], border: [] } });
  for (const row of rows) table.push(columns.map((column) => String(column.value(row) ?? '')));
  process.stdout.write(table.toString() + '\n');
}

/** Prints a value as JSON with `--json`, otherwise the human text. */
export function printResult(value: unknown, human: string, options: OutputOptions): void {
  process.stdout.write((options.json ? JSON.stringify(value, null, 2) : human) + '\n');
}
