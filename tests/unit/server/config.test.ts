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

describe('DATABASE_READ_URL', () => {
	it('is optional: no replicas', () => {
		expect(readConfig({}).DATABASE_READ_URL).toEqual([]);
		expect(readConfig({ DATABASE_READ_URL: '' }).DATABASE_READ_URL).toEqual([]);
	});

	it('takes one URL or several, comma-separated', () => {
		expect(
			readConfig({ DATABASE_READ_URL: ' postgres://a@r1:5432/nadzor , postgresql://a@r2/nadzor,' }).DATABASE_READ_URL
		).toEqual(['postgres://a@r1:5432/nadzor', 'postgresql://a@r2/nadzor']);
	});

	it('refuses anything but a PostgreSQL URL, naming the variable', () => {
		expect(() => readConfig({ DATABASE_READ_URL: 'postgres://a@r1/nadzor,mysql://r2/nadzor' })).toThrow(
			/DATABASE_READ_URL\.1: each URL must start with postgres:\/\//
		);
	});
});
