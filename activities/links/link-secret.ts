import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The key that signs reporters' links: LINK_SECRET when configured (a deployment whose HTTP and worker processes run
 * on different machines must set the same one in both); otherwise `DATA_DIR/link-secret`, generated on first use
 * (32 random bytes, hex) and written with mode 0600 so only the service's user can read it. Every later start, and
 * every process sharing DATA_DIR, reads the same key, so links stay valid across restarts.
 */
export function loadLinkSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'link-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  try {
    // 'wx': two processes starting together must not each write their own key; the loser reads the winner's.
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  }
}
