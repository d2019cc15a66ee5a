/**
 * Photo storage: one interface, two drivers (local disk under DATA_DIR, the default, and any
 * S3-compatible object store). Files are named by the SHA-256 of their bytes, so writing the
 * same file twice is harmless and a file can be shared by several photo rows.
 */
import path from 'node:path';
import type { Config } from '../config';
import { diskStorage } from './disk';
import { s3Storage } from './s3';

export interface StoredPhoto {
	bytes: Uint8Array;
	contentType: string;
}

export interface PhotoStorage {
	put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
	get(key: string): Promise<StoredPhoto | null>;
	delete(key: string): Promise<void>;
	exists(key: string): Promise<boolean>;
	/** Removes half-written files a crash left behind (drivers that write in two steps). */
	cleanTemporaryFiles?(options?: CleanOptions): Promise<number>;
}

export interface CleanOptions {
	/** Files older than this are abandoned whoever wrote them (default: an hour). */
	olderThanMs?: number;
	/** At start-up, before any request: also every file a stopped process on this host was writing. */
	startup?: boolean;
}

/**
 * The disk, the volume behind it or the object store has no room left: a passing condition, not
 * a bug. Object stores say so in their own words: MinIO past its free-drive threshold
 * (`XMinioStorageFull`, 507), a bucket or user quota (`QuotaExceeded`, Ceph), any 507.
 */
export function isStorageFull(error: unknown): boolean {
	const { code, name, $metadata } = (error ?? {}) as {
		code?: unknown;
		name?: unknown;
		$metadata?: { httpStatusCode?: number };
	};
	if (code === 'ENOSPC' || code === 'EDQUOT') return true;
	return name === 'XMinioStorageFull' || name === 'QuotaExceeded' || $metadata?.httpStatusCode === 507;
}

export { contentTypes, PHOTO_KEY, photoKey } from './keys';

/** The storage the configuration asks for. */
export function createStorage(
	config: Pick<
		Config,
		| 'DATA_DIR'
		| 'PHOTO_STORAGE'
		| 'S3_ENDPOINT'
		| 'S3_REGION'
		| 'S3_BUCKET'
		| 'S3_ACCESS_KEY_ID'
		| 'S3_SECRET_ACCESS_KEY'
		| 'S3_FORCE_PATH_STYLE'
	>
): PhotoStorage {
	if (config.PHOTO_STORAGE === 's3') {
		return s3Storage({
			endpoint: config.S3_ENDPOINT,
			region: config.S3_REGION,
			bucket: config.S3_BUCKET!,
			accessKeyId: config.S3_ACCESS_KEY_ID!,
			secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
			forcePathStyle: config.S3_FORCE_PATH_STYLE
		});
	}
	return diskStorage(path.join(config.DATA_DIR, 'photos'));
}

/** Serves a stored photo: exact type, no sniffing, nothing executable. */
export function photoResponse(photo: StoredPhoto, headers: Record<string, string> = {}): Response {
	return new Response(photo.bytes as BodyInit, {
		headers: {
			'content-type': photo.contentType,
			'content-length': String(photo.bytes.byteLength),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cross-origin-resource-policy': 'same-origin',
			...headers
		}
	});
}

export { diskStorage } from './disk';
export { s3Storage } from './s3';
