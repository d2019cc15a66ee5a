/**
 * The submission code's one door to the photo pipeline and photo storage. Everything else in
 * the report flow imports photo types and functions from here, so the implementation behind
 * it can change in one place.
 */
import path from 'node:path';
import type { Locale } from '$lib/i18n';
import { reportText } from '$lib/report/text';
import { config } from '../config';
import { s3Storage } from '../storage/s3';
import { diskStorage, PhotoError, type PhotoStorage } from './interim-photos';

export {
	PhotoError,
	photoKey,
	photoResponse,
	processPhoto,
	type Derivative,
	type PhotoStorage,
	type ProcessedPhoto,
	type StoredPhoto
} from './interim-photos';

let storage: PhotoStorage | undefined;

/** The app's photo storage (created on first use from the configuration). */
export function photoStorage(): PhotoStorage {
	storage ??=
		config.PHOTO_STORAGE === 's3'
			? s3Storage({
					endpoint: config.S3_ENDPOINT,
					region: config.S3_REGION,
					bucket: config.S3_BUCKET!,
					accessKeyId: config.S3_ACCESS_KEY_ID!,
					secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
					forcePathStyle: config.S3_FORCE_PATH_STYLE
				})
			: diskStorage(path.join(config.DATA_DIR, 'photos'));
	return storage;
}

/** Tests and tools use another storage (e.g. a temporary directory). */
export function usePhotoStorage(replacement: PhotoStorage): void {
	storage = replacement;
}

const httpStatus: Record<string, number> = {
	too_large: 413,
	unsupported_type: 415,
	heic: 415
};

/** 413 for too big, 415 for a type we do not take, 422 for the rest. */
export function photoErrorStatus(error: PhotoError): number {
	return httpStatus[error.code] ?? 422;
}

export function photoErrorMessage(locale: Locale, error: PhotoError): string {
	const known = ['unsupported_type', 'too_large', 'too_many_pixels', 'corrupt', 'heic'];
	const code = known.includes(error.code) ? error.code : 'other';
	return reportText(locale, `report.photoError.${code}` as Parameters<typeof reportText>[1]);
}
