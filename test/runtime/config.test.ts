import path from 'node:path';
import { ConfigError, loadConfig } from '../../runtime/config';
import { PROJECT_ROOT } from '../../runtime/project-root';

describe('configuration', () => {
  it('defaults every part to its embedded form, with data in .data/', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      dataDir: path.join(PROJECT_ROOT, '.data'),
      logLevel: 'info',
      temporal: {
        mode: 'embedded',
        port: 7233,
        uiPort: 8233,
        cliPath: undefined,
        namespace: 'default',
        taskQueue: 'dondoc',
      },
      database: { mode: 'embedded', port: 5532 },
      http: { host: '127.0.0.1', port: 3000 },
      publicUrl: 'http://127.0.0.1:3000',
      api: {
        attachmentMaxBytes: 10 * 1024 * 1024,
        linkDaysAfterClose: 30,
        linkSecret: undefined,
        sessionHours: 12,
        trustedProxySecret: undefined,
      },
      email: {
        mode: 'outbox',
        dir: path.join(PROJECT_ROOT, '.data', 'outbox'),
        from: 'Đôn đốc <khong-tra-loi@dondoc.local>',
      },
      zalo: { mode: 'disabled', quietHours: { start: '21:00', end: '07:00' } },
    });
    expect(Object.isFrozen(config.temporal)).toBe(true);
  });

  it('builds the links in messages on PUBLIC_URL, or on the HTTP server’s own address', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://dondoc.sonoivu.caobang.gov.vn/' }).publicUrl).toBe(
      'https://dondoc.sonoivu.caobang.gov.vn',
    );
    expect(loadConfig({ HTTP_HOST: '0.0.0.0', HTTP_PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(() => loadConfig({ PUBLIC_URL: 'dondoc.local' })).toThrow(/CONFIG_INVALID: PUBLIC_URL/);
  });

  it('switches to external services by environment, with TLS when certificates are given', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.sonoivu.example.vn:7233',
      TEMPORAL_NAMESPACE: 'dondoc-prod',
      TEMPORAL_TLS_CERT: '/etc/dondoc/client.pem',
      TEMPORAL_TLS_KEY: '/etc/dondoc/client.key',
      DATABASE_URL: 'postgres://dondoc:secret@db:5432/dondoc',
    });
    expect(config.temporal).toMatchObject({
      mode: 'external',
      address: 'temporal.sonoivu.example.vn:7233',
      namespace: 'dondoc-prod',
      tls: { clientCertPath: '/etc/dondoc/client.pem', clientKeyPath: '/etc/dondoc/client.key' },
    });
    expect(config.database).toEqual({ mode: 'external', url: 'postgres://dondoc:secret@db:5432/dondoc' });
  });

  it('names the bad variable and what it must be', () => {
    expect(() => loadConfig({ HTTP_PORT: 'ba nghìn' })).toThrow(ConfigError);
    expect(() => loadConfig({ HTTP_PORT: 'ba nghìn' })).toThrow(/^CONFIG_INVALID: HTTP_PORT: .*"ba nghìn"/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: phải là URL dạng postgres:\/\//);
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'http://temporal' })).toThrow(
      /TEMPORAL_ADDRESS: phải có dạng host:port/,
    );
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'a:7233', TEMPORAL_TLS_CERT: '/c.pem' })).toThrow(
      /TEMPORAL_TLS_KEY: mTLS cần cả chứng chỉ và khoá/,
    );
  });

  it('sends email through SMTP_URL’s pool and Zalo with its app, when configured', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://dondoc:mat-khau@mail.sonoivu.example.vn:465',
      SMTP_POOL_MAX: '8',
      SMTP_REQUIRE_TLS: 'true',
      MAIL_FROM: 'Sở Nội vụ tỉnh Cao Bằng <khong-tra-loi@sonoivu.example.vn>',
      ZALO_APP_ID: '4310000000000000001',
      ZALO_APP_SECRET: 'app-secret',
      ZALO_OA_SECRET_KEY: 'oa-secret',
      ZALO_REFRESH_TOKEN: 'refresh-1',
      ZALO_QUIET_HOURS: '22:00-06:30',
    });
    expect(config.email).toEqual({
      mode: 'smtp',
      url: 'smtps://dondoc:mat-khau@mail.sonoivu.example.vn:465',
      poolMax: 8,
      ratePerPlan: 10,
      requireTls: true,
      tlsCaPath: undefined,
      dkim: undefined,
      from: 'Sở Nội vụ tỉnh Cao Bằng <khong-tra-loi@sonoivu.example.vn>',
    });
    expect(config.zalo).toMatchObject({
      mode: 'zns',
      appId: '4310000000000000001',
      apiBaseUrl: 'https://business.openapi.zalo.me',
      oauthBaseUrl: 'https://oauth.zaloapp.com',
      quietHours: { start: '22:00', end: '06:30' },
    });
  });

  it('names a bad mail or Zalo variable without echoing a secret', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://user:mat-khau@x' })).toThrow(
      /^CONFIG_INVALID: SMTP_URL: .*giá trị được ẩn/,
    );
    expect(() => loadConfig({ SMTP_URL: 'http://user:mat-khau@x' })).not.toThrow(/mat-khau/);
    expect(() => loadConfig({ MAIL_FROM: 'khong phai email' })).toThrow(/^CONFIG_INVALID: MAIL_FROM: /);
    expect(() => loadConfig({ SMTP_POOL_MAX: '0' })).toThrow(/^CONFIG_INVALID: SMTP_POOL_MAX: /);
    expect(() => loadConfig({ ZALO_APP_ID: '123' })).toThrow(/^CONFIG_INVALID: ZALO_APP_SECRET: /);
    expect(() => loadConfig({ ZALO_QUIET_HOURS: '9pm-7am' })).toThrow(/^CONFIG_INVALID: ZALO_QUIET_HOURS: /);
    expect(() => loadConfig({ SMTP_DKIM_DOMAIN: 'sonoivu.example.vn' })).toThrow(
      /^CONFIG_INVALID: SMTP_DKIM_SELECTOR: /,
    );
  });
});
