import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from './migrations';
import type { Database } from './schema';

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResult[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Brings the schema to the latest migration. Safe to run from several processes at once (Kysely holds an advisory
 * lock). Throws `MigrationError` naming the migration that failed; that migration's transaction is rolled back.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Migrations written side by side on branches may land out of name order; each is independent of the others
    // unless it says so, and a database that already ran a later one still gets the earlier one.
    allowUnorderedMigrations: true,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'không rõ';
    throw new MigrationError(
      `DB_MIGRATION_FAILED: migration "${failed}" thất bại: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      results,
      {
        cause: error,
      },
    );
  }
  return results;
}
