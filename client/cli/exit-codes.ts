/** Exit codes scripts can trust. */
export const ExitCode = {
  ok: 0,
  /** The input was wrong (a plan that does not validate, an unknown unit): the message says what and where. */
  invalidInput: 1,
  /** The command line itself was wrong (unknown option, missing argument). */
  usage: 2,
  /** The machine or its services were wrong (database unreachable, port taken, data folder in use). */
  environment: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
