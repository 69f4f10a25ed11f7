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
    });
    expect(Object.isFrozen(config.temporal)).toBe(true);
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
});
