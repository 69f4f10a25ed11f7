/**
 * A problem with the machine or its configuration rather than with the code: a port already taken, a service that
 * does not answer, a data folder that cannot be read. The message names the problem and the fix, in Vietnamese,
 * after a stable code; the entry point prints it without a stack trace.
 */
export class EnvironmentError extends Error {
  constructor(
    readonly code:
      | 'PORT_IN_USE'
      | 'SERVICE_UNREACHABLE'
      | 'DATA_DIR_UNREADABLE'
      | 'ALREADY_RUNNING'
      | 'SERVER_EXITED'
      | 'EXTERNAL_SERVICE_REQUIRED',
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'EnvironmentError';
  }
}

/** Hides the password in a connection URL before it is printed or logged. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
