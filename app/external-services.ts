import type { Config, DatabaseConfig, TemporalConfig } from '../runtime/config';
import { EnvironmentError } from '../runtime/environment-error';

export type ExternalTemporalConfig = Extract<TemporalConfig, { mode: 'external' }>;
export type ExternalDatabaseConfig = Extract<DatabaseConfig, { mode: 'external' }>;

/**
 * The configuration of a process that runs one part of the service (`app/worker.ts`, `app/http.ts`): those never
 * start the embedded Temporal dev server or PGlite, whose files one process owns, so both services must be external.
 * Throws `EnvironmentError('EXTERNAL_SERVICE_REQUIRED')` naming every variable that is missing and the fix.
 */
export function requireExternalServices(
  config: Readonly<Config>,
  entryPoint: string,
): { temporal: ExternalTemporalConfig; database: ExternalDatabaseConfig } {
  const { temporal, database } = config;
  if (temporal.mode === 'external' && database.mode === 'external') return { temporal, database };
  const missing = [
    ...(temporal.mode === 'external' ? [] : ['TEMPORAL_ADDRESS']),
    ...(database.mode === 'external' ? [] : ['DATABASE_URL']),
  ];
  throw new EnvironmentError(
    'EXTERNAL_SERVICE_REQUIRED',
    `${entryPoint} chỉ chạy với Temporal và Postgres bên ngoài, nhưng chưa đặt ${missing.join(' và ')}. ` +
      `Hãy đặt ${missing.length > 1 ? 'các biến này' : 'biến này'} (xem docs/deployment.md), hoặc dùng \`npm start\` ` +
      'để chạy toàn bộ dịch vụ trong một tiến trình với Temporal và PGlite nhúng.',
  );
}
