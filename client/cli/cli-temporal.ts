import type { Client } from '@temporalio/client';
import type { Config } from '../../runtime/config';
import { EnvironmentError } from '../../runtime/environment-error';
import { isPortListening } from '../../runtime/ports';
import { connectTemporalClient } from '../../runtime/temporal-connection';

/**
 * A Temporal client for a CLI command: TEMPORAL_ADDRESS when set, otherwise the dev server of a running `npm start`.
 * Throws `EnvironmentError('SERVICE_UNREACHABLE')` saying to start the service when neither answers.
 */
export async function openCliTemporal(config: Readonly<Config>): Promise<Client> {
  if (config.temporal.mode === 'external') return connectTemporalClient(config.temporal, config.temporal.address);
  if (!(await isPortListening(config.temporal.port))) {
    throw new EnvironmentError(
      'SERVICE_UNREACHABLE',
      `Đôn đốc chưa chạy (không có Temporal ở cổng ${config.temporal.port}). Hãy chạy \`npm start\` ở một cửa sổ khác, ` +
        'hoặc đặt TEMPORAL_ADDRESS.',
    );
  }
  return connectTemporalClient(config.temporal, `127.0.0.1:${config.temporal.port}`);
}
