/**
 * The report flow's door to the photo pipeline (`#lib/server/photos`) and photo storage
 * (`#lib/server/storage`): the app's storage instance, and photo errors as HTTP statuses and
 * messages in the reporter's language.
 */
import type { Locale } from '#lib/i18n/index.js';
import { reportText } from '#lib/report/text.js';
import { config } from '../config';
import { PhotoError } from '../photos/pipeline';
import { createStorage, type PhotoStorage } from '../storage';

export { PhotoError, processPhoto, type Derivative, type ProcessedPhoto } from '../photos/pipeline';
export { photoKey, photoResponse, type PhotoStorage, type StoredPhoto } from '../storage';

let storage: PhotoStorage | undefined;

/** The app's photo storage (created on first use from the configuration). */
export function photoStorage(): PhotoStorage {
	storage ??= createStorage(config);
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
	const known = ['unsupported_type', 'too_large', 'too_many_pixels', 'too_complex', 'corrupt', 'heic'];
	const code = known.includes(error.code) ? error.code : 'other';
	return reportText(locale, `report.photoError.${code}` as Parameters<typeof reportText>[1]);
}
