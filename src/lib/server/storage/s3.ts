/**
 * Photo storage on any S3-compatible object store (AWS S3, MinIO, Garage, Ceph, ...).
 * Keys are the same content-hash names as on disk, so moving between drivers is a copy.
 */
import {
	DeleteObjectCommand,
	GetObjectCommand,
	HeadObjectCommand,
	NoSuchKey,
	NotFound,
	PutObjectCommand,
	S3Client
} from '@aws-sdk/client-s3';
import type { PhotoStorage } from './index';
import { PHOTO_KEY } from './keys';

export interface S3Options {
	endpoint?: string;
	region: string;
	bucket: string;
	accessKeyId: string;
	secretAccessKey: string;
	forcePathStyle: boolean;
}

function checked(key: string): string {
	if (!PHOTO_KEY.test(key)) throw new Error('invalid photo key');
	return key;
}

function missing(error: unknown): boolean {
	return error instanceof NoSuchKey || error instanceof NotFound || (error as { name?: string }).name === 'NotFound';
}

export function s3Storage(options: S3Options): PhotoStorage {
	const client = new S3Client({
		endpoint: options.endpoint,
		region: options.region,
		forcePathStyle: options.forcePathStyle,
		credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
		// Checksums only where the protocol requires them: many S3-compatible servers reject the newer headers.
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED'
	});
	const Bucket = options.bucket;
	return {
		async put(key, bytes, contentType) {
			await client.send(new PutObjectCommand({ Bucket, Key: checked(key), Body: bytes, ContentType: contentType }));
		},
		async get(key) {
			try {
				const object = await client.send(new GetObjectCommand({ Bucket, Key: checked(key) }));
				const bytes = await object.Body!.transformToByteArray();
				return { bytes, contentType: object.ContentType ?? 'application/octet-stream' };
			} catch (error) {
				if (missing(error)) return null;
				throw error;
			}
		},
		async delete(key) {
			await client.send(new DeleteObjectCommand({ Bucket, Key: checked(key) }));
		},
		async exists(key) {
			try {
				await client.send(new HeadObjectCommand({ Bucket, Key: checked(key) }));
				return true;
			} catch (error) {
				if (missing(error)) return false;
				throw error;
			}
		}
	};
}
