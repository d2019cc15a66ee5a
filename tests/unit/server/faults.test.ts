import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.NADZOR_FAULTS = 'submission.before-commit, storage.temporary-written';
});

import { readConfig } from '../../../src/lib/server/config';
import { fault, requestedFault, withFault } from '../../../src/lib/server/faults/inject';

describe('fault injection', () => {
	it('arms only the points the operator allowed, with a known action', () => {
		expect(requestedFault('submission.before-commit=terminate')).toEqual({
			point: 'submission.before-commit',
			action: 'terminate'
		});
		expect(requestedFault('storage.temporary-written=crash')).toEqual({
			point: 'storage.temporary-written',
			action: 'crash'
		});
		// Known point, but not allowed by NADZOR_FAULTS.
		expect(requestedFault('submission.after-commit=terminate')).toBeUndefined();
		expect(requestedFault('submission.before-commit=explode')).toBeUndefined();
		expect(requestedFault('nonsense')).toBeUndefined();
		expect(requestedFault(null)).toBeUndefined();
	});

	it('is off without NADZOR_FAULTS, and refuses unknown point names', () => {
		expect(readConfig({}).NADZOR_FAULTS).toEqual([]);
		expect(readConfig({ NADZOR_FAULTS: '' }).NADZOR_FAULTS).toEqual([]);
		expect(() => readConfig({ NADZOR_FAULTS: 'submission.everywhere' })).toThrow(/NADZOR_FAULTS/);
	});

	it('fires only inside the request that armed it, only at its point', async () => {
		// Not armed: a no-op everywhere.
		await expect(fault('submission.before-commit')).resolves.toBeUndefined();
		// Armed for another point: a no-op here.
		await withFault({ point: 'storage.temporary-written', action: 'terminate' }, () =>
			expect(fault('submission.before-commit')).resolves.toBeUndefined()
		);
		// Armed here, but `terminate` needs a database connection to end.
		await withFault({ point: 'submission.before-commit', action: 'terminate' }, () =>
			expect(fault('submission.before-commit')).rejects.toThrow(/no database connection/)
		);
	});
});
