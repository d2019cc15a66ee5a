import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/lib/server/config';

describe('configuration', () => {
	it('has working defaults for a bare machine', () => {
		const config = readConfig({});
		expect(config.DATABASE_URL).toBeUndefined();
		expect(config.PORT).toBe(3000);
		expect(config.PHOTO_STORAGE).toBe('disk');
		expect(config.SEED_DEMO).toBe(true);
		expect(config.DATA_DIR).toMatch(/\/data$/);
	});

	it('names every bad variable in one message', () => {
		expect(() => readConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe' })).toThrow(
			/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/
		);
		expect(() => readConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
	});

	it('needs the bucket and keys for S3 photo storage', () => {
		expect(() => readConfig({ PHOTO_STORAGE: 's3' })).toThrow(
			/S3_BUCKET[\s\S]*S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/
		);
		expect(
			readConfig({ PHOTO_STORAGE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' })
				.PHOTO_STORAGE
		).toBe('s3');
	});
});
