import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './project-root';

/** Where `scripts/install-tools.sh` puts what it installs; never committed. */
export const TOOLS_DIR = path.join(PROJECT_ROOT, '.tools');

export class ToolMissingError extends Error {
  constructor(tool: string, fix: string) {
    super(`TOOL_MISSING: không tìm thấy ${tool}. ${fix}`);
    this.name = 'ToolMissingError';
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, searchPath: string | undefined): string | undefined {
  return (searchPath ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
}

/**
 * The Temporal CLI to run the dev server with: an explicit path wins, then a `temporal` on PATH, then the one that
 * `scripts/install-tools.sh` built from its Go module into `.tools/bin`. Throws `ToolMissingError` with the fix.
 */
export function resolveTemporalCli(explicitPath: string | undefined, searchPath: string | undefined): string {
  if (explicitPath) {
    if (isExecutable(explicitPath)) return explicitPath;
    throw new ToolMissingError(
      `Temporal CLI tại TEMPORAL_CLI_PATH=${explicitPath}`,
      'Hãy sửa đường dẫn hoặc bỏ biến này.',
    );
  }
  const found = findOnPath('temporal', searchPath) ?? [path.join(TOOLS_DIR, 'bin', 'temporal')].find(isExecutable);
  if (found) return found;
  throw new ToolMissingError(
    'Temporal CLI',
    'Hãy chạy `bash scripts/install-tools.sh temporal` (cần Go ≥ 1.25 và mạng tới Go module proxy), hoặc đặt TEMPORAL_CLI_PATH.',
  );
}

/**
 * The wrapper that starts Temporal's time-skipping test server from the jars that `scripts/install-tools.sh`
 * resolved from Maven Central, or undefined when they are absent (the SDK then downloads its own build).
 */
export function resolveTestServerWrapper(): string | undefined {
  const jarsPresent = isExecutable(path.join(TOOLS_DIR, 'test-server', 'lib'));
  return jarsPresent ? path.join(PROJECT_ROOT, 'scripts', 'temporal-test-server') : undefined;
}
