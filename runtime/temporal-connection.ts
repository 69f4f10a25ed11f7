import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalConfig, TemporalTlsConfig } from './config';
import { EnvironmentError } from './environment-error';

/** TLS options for both the client and the worker connection, read from the configured files. */
export function temporalTlsOptions(tls: TemporalTlsConfig | undefined): TLSConfig | undefined {
  if (!tls) return undefined;
  return {
    serverNameOverride: tls.serverNameOverride,
    serverRootCACertificate: tls.serverRootCaPath ? readFileSync(tls.serverRootCaPath) : undefined,
    clientCertPair:
      tls.clientCertPath && tls.clientKeyPath
        ? { crt: readFileSync(tls.clientCertPath), key: readFileSync(tls.clientKeyPath) }
        : undefined,
  };
}

function connectionOptions(config: TemporalConfig, address: string) {
  return config.mode === 'external'
    ? { address, tls: temporalTlsOptions(config.tls) ?? false, apiKey: config.apiKey }
    : { address };
}

function unreachable(address: string, error: unknown): EnvironmentError {
  return new EnvironmentError(
    'SERVICE_UNREACHABLE',
    `không kết nối được Temporal tại ${address} (${String(error)}). Kiểm tra TEMPORAL_ADDRESS, TLS và mạng; ` +
      'bỏ TEMPORAL_ADDRESS để dùng máy chủ dev nhúng.',
    { cause: error },
  );
}

/** A client connection for starting, signalling and querying workflows. */
export async function connectTemporalClient(config: TemporalConfig, address: string): Promise<Client> {
  try {
    const connection = await Connection.connect({ ...connectionOptions(config, address), connectTimeout: '10s' });
    return new Client({ connection, namespace: config.namespace });
  } catch (error) {
    throw unreachable(address, error);
  }
}

/** A worker connection (the Rust core's). */
export async function connectTemporalWorker(config: TemporalConfig, address: string): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect(connectionOptions(config, address));
  } catch (error) {
    throw unreachable(address, error);
  }
}
