import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  key: string;
  cert: string;
  /** The certificate's file, for SMTP_TLS_CA (a self-signed certificate is its own CA). */
  certPath: string;
  remove(): void;
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost, valid two days, made now with the `openssl` CLI (node:crypto
 * makes keys but not X.509 certificates). Test-only: the key never leaves the temporary folder it is made in.
 */
export function makeTestCertificate(): TestCertificate {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-cert-'));
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(keyPath, 'utf8'),
    cert: readFileSync(certPath, 'utf8'),
    certPath,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
