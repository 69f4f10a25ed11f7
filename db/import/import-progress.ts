/**
 * Progress of a long import, for a progress bar. The CLI passes a bar on a terminal and nothing otherwise; the
 * importer reports rows written, the part that takes time.
 */
export interface ImportProgress {
  start(total: number): void;
  advance(count: number): void;
  stop(): void;
}

export const silentProgress: ImportProgress = {
  start: () => undefined,
  advance: () => undefined,
  stop: () => undefined,
};
