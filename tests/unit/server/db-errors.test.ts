import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../src/lib/server/db/errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
	it('knows a server going away, refusing or not reachable', () => {
		for (const error of [
			withCode('57P01', 'terminating connection due to administrator command'),
			withCode('57P03', 'the database system is starting up'),
			withCode('08006'),
			withCode('53300', 'sorry, too many clients already'),
			withCode('ECONNREFUSED'),
			withCode('ECONNRESET'),
			new Error('Connection terminated unexpectedly'),
			new Error('timeout exceeded when trying to connect'),
			new Error('Client has encountered a connection error and is not queryable'),
			new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
			new Error('wrapped', { cause: withCode('57P01') })
		]) {
			expect(isDatabaseUnavailable(error)).toBe(true);
		}
	});

	it('leaves query errors and everything else as they are', () => {
		for (const error of [
			withCode('23505', 'duplicate key value violates unique constraint'),
			withCode('42P01', 'relation does not exist'),
			withCode('57014', 'canceling statement due to statement timeout'),
			new Error('Cannot use a pool after calling end on the pool'),
			new TypeError('x is undefined'),
			'a string',
			null,
			undefined
		]) {
			expect(isDatabaseUnavailable(error)).toBe(false);
		}
	});
});
