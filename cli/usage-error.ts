/** A usage mistake: printed with the help hint, exit code 2. */
export class UsageError extends Error {}
