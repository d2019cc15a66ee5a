/**
 * Telling "the database is unreachable right now" (restart, failover, network cut, connection
 * killed) from every other error, so the app can answer 503 with Retry-After instead of 500.
 */

/** SQLSTATE classes and codes that mean the connection or the server is gone, not the query. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-4]|53300)/;
/** Errors from the socket or the driver, not from the server. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGE =
	/^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly)/;

export function isDatabaseUnavailable(error: unknown): boolean {
	for (let cause = error, depth = 0; cause && depth < 5; depth++) {
		if (typeof cause !== 'object') return false;
		const { code, message } = cause as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
		if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
		// AggregateError (several addresses refused) and wrapped errors.
		const inner = cause as { errors?: unknown[]; cause?: unknown };
		if (Array.isArray(inner.errors) && inner.errors.some((each) => isDatabaseUnavailable(each))) return true;
		cause = inner.cause;
	}
	return false;
}

/** The Retry-After hint (seconds) for answers given while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;
