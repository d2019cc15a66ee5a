/**
 * A full disk or object store is a passing condition (507 with Retry-After to the reporter, whose
 * phone keeps the report and sends it again), not a crash: which errors say so.
 */
import { S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { isStorageFull } from '../../../src/lib/server/storage';

const s3Error = (name: string, httpStatusCode: number) =>
	new S3ServiceException({
		name,
		$fault: httpStatusCode >= 500 ? 'server' : 'client',
		$metadata: { httpStatusCode },
		message: name
	});

describe('isStorageFull', () => {
	it('knows a full disk and a disk quota', () => {
		expect(isStorageFull(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))).toBe(true);
		expect(isStorageFull(Object.assign(new Error('disk quota exceeded'), { code: 'EDQUOT' }))).toBe(true);
	});

	it('knows a full object store in the words of MinIO, Ceph and plain HTTP', () => {
		expect(isStorageFull(s3Error('XMinioStorageFull', 507))).toBe(true);
		expect(isStorageFull(s3Error('QuotaExceeded', 403))).toBe(true);
		expect(isStorageFull(s3Error('InsufficientStorage', 507))).toBe(true);
	});

	it('leaves every other failure to the error handler', () => {
		for (const error of [
			s3Error('AccessDenied', 403),
			s3Error('NoSuchBucket', 404),
			s3Error('InternalError', 500),
			s3Error('SlowDown', 503),
			Object.assign(new Error('permission denied'), { code: 'EACCES' }),
			new Error('boom'),
			'a string',
			null,
			undefined
		]) {
			expect(isStorageFull(error)).toBe(false);
		}
	});
});
