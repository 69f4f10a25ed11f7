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
  /**
   * PUBLIC_URL: the address units and leaders open, for the links in messages (`…/nop/{token}`, `…/theo-doi/…`);
   * by default the HTTP server's own address (loopback: the embedded default is for one machine).
   */
  publicUrl: string;
  email: EmailConfig;
  zalo: ZaloConfig;
  api: ApiConfig;
}

/** The HTTP API's access settings: reporters' signed links, sessions, the SSO proxy, attachments. */
export interface ApiConfig {
  /** LINK_SECRET; when absent, DATA_DIR/link-secret (generated once, 0600) — activities/links/link-secret.ts. */
  linkSecret: string | undefined;
  /** How long a reporter's link stays valid after its obligation closes. */
  linkDaysAfterClose: number;
  /** TRUSTED_PROXY_SECRET: identity headers are believed only on requests carrying it; absent = SSO off. */
  trustedProxySecret: string | undefined;
  sessionHours: number;
  attachmentMaxBytes: number;
}

/** Outgoing email: the embedded outbox under DATA_DIR, or an SMTP server (SMTP_URL). */
export type EmailConfig = (
  | { mode: 'outbox'; dir: string }
  | {
      mode: 'smtp';
      url: string;
      poolMax: number;
      ratePerPlan: number;
      requireTls: boolean;
      tlsCaPath: string | undefined;
      dkim: { domainName: string; keySelector: string; privateKeyPath: string } | undefined;
    }
) & { from: string };

/** Zalo (ZNS or Official Account messages); disabled until ZALO_APP_ID is set. Secrets stay here, never logged. */
export type ZaloConfig = (
  | { mode: 'disabled' }
  | {
      mode: 'zns' | 'oa';
      appId: string;
      appSecret: string;
      oaSecretKey: string | undefined;
      refreshToken: string | undefined;
      apiBaseUrl: string;
      oaApiBaseUrl: string;
      oauthBaseUrl: string;
      ratePerSecond: number;
      timeoutMs: number;
    }
) & { quietHours: { start: string; end: string } };

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

const SECRET_VARIABLES = new Set([
  'SMTP_URL',
  'ZALO_APP_SECRET',
  'ZALO_OA_SECRET_KEY',
  'ZALO_REFRESH_TOKEN',
  'LINK_SECRET',
  'TRUSTED_PROXY_SECRET',
]);
const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);
const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/]+/, 'phải là URL http(s)://…')
  .transform((url) => url.replace(/\/+$/, ''));
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
  PUBLIC_URL: httpUrl.optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'phải là URL dạng smtp://user:pass@host:587 hoặc smtps://user:pass@host:465')
    .optional(),
  SMTP_POOL_MAX: positiveInt(100).default(5),
  SMTP_RATE_PER_PLAN: z.coerce.number().int().min(0).max(10_000).default(10),
  SMTP_REQUIRE_TLS: flag.optional(),
  SMTP_TLS_CA: z.string().min(1).optional(),
  SMTP_DKIM_DOMAIN: z.string().min(1).optional(),
  SMTP_DKIM_SELECTOR: z.string().min(1).optional(),
  SMTP_DKIM_KEY: z.string().min(1).optional(),
  MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>]*<)?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?$/,
      'phải là "Tên <dia-chi@ten-mien.vn>" hoặc một địa chỉ email',
    )
    .default('Đôn đốc <khong-tra-loi@dondoc.local>'),
  ZALO_MODE: z.enum(['zns', 'oa']).default('zns'),
  ZALO_APP_ID: z.string().regex(/^\d+$/, 'là dãy số ID ứng dụng trong Zalo for Developers').optional(),
  ZALO_APP_SECRET: z.string().min(1).optional(),
  ZALO_OA_SECRET_KEY: z.string().min(1).optional(),
  ZALO_REFRESH_TOKEN: z.string().min(1).optional(),
  ZALO_API_URL: httpUrl.default('https://business.openapi.zalo.me'),
  ZALO_OA_API_URL: httpUrl.default('https://openapi.zalo.me'),
  ZALO_OAUTH_URL: httpUrl.default('https://oauth.zaloapp.com'),
  ZALO_RATE_PER_SECOND: z.coerce.number().int().min(0).max(1000).default(10),
  ZALO_TIMEOUT_MS: positiveInt(120_000).default(10_000),
  ZALO_QUIET_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'phải có dạng HH:mm-HH:mm, ví dụ 21:00-07:00')
    .default('21:00-07:00'),
  LINK_SECRET: z.string().min(32, 'cần ít nhất 32 ký tự ngẫu nhiên').optional(),
  LINK_DAYS_AFTER_CLOSE: z.coerce.number().int().min(0).max(3650).default(30),
  TRUSTED_PROXY_SECRET: z.string().min(16, 'cần ít nhất 16 ký tự').optional(),
  SESSION_HOURS: positiveInt(24 * 90).default(12),
  ATTACHMENT_MAX_MB: positiveInt(200).default(10),
});

/** Parses and validates the environment. Throws `ConfigError` naming the first bad variable and what it must be. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    // Secrets (a password in SMTP_URL, Zalo keys and tokens) are never echoed, not even in an error.
    const shown = SECRET_VARIABLES.has(variable)
      ? 'giá trị được ẩn'
      : `giá trị hiện tại: ${JSON.stringify(env[variable])}`;
    throw new ConfigError(variable, `${issue.message} (${shown})`);
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
  const dataDir = path.resolve(e.DATA_DIR ?? path.join(PROJECT_ROOT, '.data'));
  return deepFreeze({
    dataDir,
    logLevel: e.LOG_LEVEL,
    temporal,
    database,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    publicUrl: (
      e.PUBLIC_URL ?? `http://${['0.0.0.0', '::'].includes(e.HTTP_HOST) ? '127.0.0.1' : e.HTTP_HOST}:${e.HTTP_PORT}`
    ).replace(/\/+$/, ''),
    email: emailConfig(e, dataDir),
    zalo: zaloConfig(e),
    api: {
      linkSecret: e.LINK_SECRET,
      linkDaysAfterClose: e.LINK_DAYS_AFTER_CLOSE,
      trustedProxySecret: e.TRUSTED_PROXY_SECRET,
      sessionHours: e.SESSION_HOURS,
      attachmentMaxBytes: e.ATTACHMENT_MAX_MB * 1024 * 1024,
    },
  });
}

type Env = z.infer<typeof envSchema>;

function emailConfig(e: Env, dataDir: string): EmailConfig {
  const dkimParts = [e.SMTP_DKIM_DOMAIN, e.SMTP_DKIM_SELECTOR, e.SMTP_DKIM_KEY];
  if (dkimParts.some(Boolean) && !dkimParts.every(Boolean)) {
    const missing = ['SMTP_DKIM_DOMAIN', 'SMTP_DKIM_SELECTOR', 'SMTP_DKIM_KEY'][dkimParts.findIndex((part) => !part)]!;
    throw new ConfigError(missing, 'ký DKIM cần đủ tên miền, selector và đường dẫn khoá riêng');
  }
  if (!e.SMTP_URL) return { mode: 'outbox', dir: path.join(dataDir, 'outbox'), from: e.MAIL_FROM };
  return {
    mode: 'smtp',
    url: e.SMTP_URL,
    poolMax: e.SMTP_POOL_MAX,
    ratePerPlan: e.SMTP_RATE_PER_PLAN,
    requireTls: e.SMTP_REQUIRE_TLS ?? false,
    tlsCaPath: e.SMTP_TLS_CA,
    dkim: e.SMTP_DKIM_DOMAIN
      ? { domainName: e.SMTP_DKIM_DOMAIN, keySelector: e.SMTP_DKIM_SELECTOR!, privateKeyPath: e.SMTP_DKIM_KEY! }
      : undefined,
    from: e.MAIL_FROM,
  };
}

function zaloConfig(e: Env): ZaloConfig {
  const [start, end] = e.ZALO_QUIET_HOURS.split('-') as [string, string];
  const quietHours = { start, end };
  if (!e.ZALO_APP_ID) return { mode: 'disabled', quietHours };
  if (!e.ZALO_APP_SECRET)
    throw new ConfigError('ZALO_APP_SECRET', 'cần khoá bí mật của ứng dụng Zalo khi có ZALO_APP_ID');
  return {
    mode: e.ZALO_MODE,
    appId: e.ZALO_APP_ID,
    appSecret: e.ZALO_APP_SECRET,
    oaSecretKey: e.ZALO_OA_SECRET_KEY,
    refreshToken: e.ZALO_REFRESH_TOKEN,
    apiBaseUrl: e.ZALO_API_URL,
    oaApiBaseUrl: e.ZALO_OA_API_URL,
    oauthBaseUrl: e.ZALO_OAUTH_URL,
    ratePerSecond: e.ZALO_RATE_PER_SECOND,
    timeoutMs: e.ZALO_TIMEOUT_MS,
    quietHours,
  };
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
