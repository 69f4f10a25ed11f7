/**
 * An error the person at the terminal can fix: printed as its message (Vietnamese, with a stable code first), never
 * with a stack trace, and the command exits with `ExitCode.invalidInput`. Domain validation errors are turned into
 * this at the command's edge.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
