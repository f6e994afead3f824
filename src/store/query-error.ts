import { InputError } from '../errors';

/**
 * A findings query parameter (API query string, CLI flag or continuation token) is invalid. The message is
 * one line meant for the caller: the API answers 400 with it, the CLI prints it and exits 2.
 */
export class QueryError extends InputError {}
