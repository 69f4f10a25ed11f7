import path from 'node:path';

/** The project's root folder (where package.json is), independent of the current directory. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');
