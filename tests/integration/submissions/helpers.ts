/**
 * Helpers for the report-flow integration tests: a photo storage in a temporary directory,
 * the real endpoint handlers called with a request event, and fixture photos.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { sql } from 'kysely';
import type { Database } from '../../../src/lib/server/db';
import { negotiateLocale, type Locale } from '../../../src/lib/i18n';
import { diskStorage } from '../../../src/lib/server/storage';
import { usePhotoStorage, type PhotoStorage } from '../../../src/lib/server/submissions/photo-port';

export const FIXTURES = path.resolve('tests/e2e/fixtures');
export const fixture = async (name: string) => new Uint8Array(await fs.readFile(path.join(FIXTURES, name)));

/** A fresh photo storage under a temporary directory, installed as the app's storage. */
export async function temporaryStorage(): Promise<{
	storage: PhotoStorage;
	dir: string;
	files(): Promise<string[]>;
	remove(): Promise<void>;
}> {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nadzor-photos-'));
	const storage = diskStorage(dir);
	usePhotoStorage(storage);
	return {
		storage,
		dir,
		async files() {
			const found = await fs.readdir(dir, { recursive: true, withFileTypes: true });
			return found.filter((entry) => entry.isFile()).map((entry) => entry.name);
		},
		remove: () => fs.rm(dir, { recursive: true, force: true })
	};
}

export interface CallOptions {
	method?: string;
	headers?: Record<string, string>;
	body?: BodyInit;
	/** The client address the adapter would report. */
	ip?: string;
	params?: Record<string, string>;
	locale?: Locale;
}

/** A request event like the one SvelteKit builds; locale negotiated as the locale hook does. */
export function requestEvent(database: Database, url: string, options: CallOptions = {}): RequestEvent {
	const request = new Request(new URL(url, 'http://localhost'), {
		method: options.method ?? 'GET',
		headers: options.headers,
		body: options.body
	});
	const locale = options.locale ?? negotiateLocale(request.headers.get('accept-language'));
	return {
		request,
		url: new URL(request.url),
		params: options.params ?? {},
		locals: { db: database.db, readDb: database.db, locale, requestId: crypto.randomUUID() },
		getClientAddress: () => options.ip ?? '192.0.2.1',
		setHeaders: () => {},
		cookies: { get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, serialize: () => '' },
		fetch,
		platform: undefined,
		route: { id: null },
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		tracing: { enabled: false, root: undefined, current: undefined }
	} as unknown as RequestEvent;
}

/** A multipart report: `payload` as JSON (or form fields when `asForm`), plus photos. */
export function reportBody(
	payload: Record<string, unknown>,
	photos: { bytes: Uint8Array; name: string; type?: string }[] = [],
	asForm = false
): FormData {
	const form = new FormData();
	if (asForm) {
		for (const [name, value] of Object.entries(payload)) {
			for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
		}
	} else {
		form.set('payload', JSON.stringify(payload));
	}
	for (const photo of photos) {
		form.append(
			'photos',
			new File([photo.bytes as BlobPart], photo.name, { type: photo.type ?? 'application/octet-stream' })
		);
	}
	return form;
}

/** Rows in every table the report flow writes to. */
export async function rowCounts(database: Database) {
	const { rows } = await sql<{ submissions: number; photos: number; uploads: number }>`
		SELECT (SELECT count(*)::int FROM submissions) AS submissions,
			(SELECT count(*)::int FROM photos) AS photos,
			(SELECT count(*)::int FROM photo_uploads) AS uploads`.execute(database.db);
	return rows[0];
}
