import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './project-root';

/**
 * The process configuration, read once from the environment and frozen. Every part has an embedded default so that
 * `npm start` works on a fresh machine; setting the variable switches that part to a real external service.
 * Nothing else in the code base reads `process.env`.
 */
export interface Config {
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  temporal: TemporalConfig;
  database: DatabaseConfig;
  http: { host: string; port: number };
}

export type TemporalConfig = (
  | { mode: 'embedded'; port: number; uiPort: number; cliPath: string | undefined }
  | { mode: 'external'; address: string; tls: TemporalTlsConfig | undefined; apiKey: string | undefined }
) & { namespace: string; taskQueue: string };

export interface TemporalTlsConfig {
  /** Client certificate and key paths for mutual TLS; both or neither. */
  clientCertPath: string | undefined;
  clientKeyPath: string | undefined;
  /** A private CA's certificate; the system roots otherwise. */
  serverRootCaPath: string | undefined;
  serverNameOverride: string | undefined;
}

export type DatabaseConfig = { mode: 'embedded'; port: number } | { mode: 'external'; url: string };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`CONFIG_INVALID: ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int().min(1).max(65535);
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  DATA_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d{1,5}$/, 'phải có dạng host:port, ví dụ temporal.example.vn:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('dondoc'),
  TEMPORAL_TLS: flag.optional(),
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải là URL dạng postgres://user:pass@host:5432/db')
    .optional(),
  PGLITE_PORT: port.default(5532),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: port.default(3000),
});

/** Parses and validates the environment. Throws `ConfigError` naming the first bad variable and what it must be. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(
      String(issue.path[0]),
      `${issue.message} (giá trị hiện tại: ${JSON.stringify(env[String(issue.path[0])])})`,
    );
  }
  const e = parsed.data;
  if (Boolean(e.TEMPORAL_TLS_CERT) !== Boolean(e.TEMPORAL_TLS_KEY)) {
    throw new ConfigError(
      e.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT',
      'mTLS cần cả chứng chỉ và khoá',
    );
  }
  const wantsTls = e.TEMPORAL_TLS ?? Boolean(e.TEMPORAL_TLS_CERT || e.TEMPORAL_TLS_CA || e.TEMPORAL_API_KEY);
  const temporalCommon = { namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE };
  const temporal: TemporalConfig = e.TEMPORAL_ADDRESS
    ? {
        ...temporalCommon,
        mode: 'external',
        address: e.TEMPORAL_ADDRESS,
        apiKey: e.TEMPORAL_API_KEY,
        tls: wantsTls
          ? {
              clientCertPath: e.TEMPORAL_TLS_CERT,
              clientKeyPath: e.TEMPORAL_TLS_KEY,
              serverRootCaPath: e.TEMPORAL_TLS_CA,
              serverNameOverride: e.TEMPORAL_TLS_SERVER_NAME,
            }
          : undefined,
      }
    : {
        ...temporalCommon,
        mode: 'embedded',
        port: e.TEMPORAL_PORT,
        uiPort: e.TEMPORAL_UI_PORT,
        cliPath: e.TEMPORAL_CLI_PATH,
      };
  const database: DatabaseConfig = e.DATABASE_URL
    ? { mode: 'external', url: e.DATABASE_URL }
    : { mode: 'embedded', port: e.PGLITE_PORT };
  return deepFreeze({
    dataDir: path.resolve(e.DATA_DIR ?? path.join(PROJECT_ROOT, '.data')),
    logLevel: e.LOG_LEVEL,
    temporal,
    database,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
  });
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
