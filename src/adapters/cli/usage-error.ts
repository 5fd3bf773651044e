import { UserFacingError } from '../../core/errors.js';

/** Wrong arguments that the parser cannot catch: the CLI prints the message and exits with 2. */
export class UsageError extends UserFacingError {
  constructor(message: string) {
    super('CLI_USAGE', message);
  }
}
