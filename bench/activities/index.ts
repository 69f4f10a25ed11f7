/**
 * The benchmark's activities: no database, no network, so the figures measure the Temporal server and its SQLite
 * file, not our own storage.
 */
export function createBenchActivities() {
  return {
    /** Returns its input unchanged; never fails. */
    echo: (text: string): Promise<string> => Promise.resolve(text),
  };
}
