/**
 * The report page. Without JavaScript it is a plain multipart form posted to the default
 * action below (server-side validation, the idempotency key in a hidden field generated
 * here); with JavaScript the page sends the same fields to POST /api/v1/submissions through
 * the outbox.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { reportText } from '#lib/report/text.js';
import { attributeFields, formValuesOf } from '#lib/schemas/submission.js';
import { firstViewImage } from '#lib/server/basemap/first-view.js';
import { pickerOpening } from '#lib/server/basemap/opening.js';
import * as cameras from '#lib/server/cameras/repository.js';
import { config } from '#lib/server/config.js';
import { receiveReport } from '#lib/server/submissions/http.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * `?camera={id}&kind=removal|edit`: a report about a known camera, started from its page ("This
 * camera is gone", "Something is wrong here"). A correction starts from the camera's details.
 */
async function target(db: App.Locals['db'], url: URL, locale: App.Locals['locale']) {
	const kind = url.searchParams.get('kind');
	const id = Number(url.searchParams.get('camera'));
	if ((kind !== 'removal' && kind !== 'edit') || !Number.isSafeInteger(id) || id < 1) return null;
	const camera = await cameras.read(db, id);
	if (!camera || camera.status === 'removed') error(404, reportText(locale, 'report.error.cameraUnknown'));
	const values: Record<string, string | string[]> = {};
	if (kind === 'edit') {
		for (const field of attributeFields) {
			const value = (camera as Record<string, unknown>)[field];
			if (Array.isArray(value)) values[field] = value.map(String);
			else if (value !== null && value !== undefined) values[field] = String(value);
		}
	}
	// The map opens at the camera; its place is only sent when the person moves it.
	return { kind, cameraId: id, values, view: { lat: camera.lat, lng: camera.lng, zoom: 18 } } as const;
}

export const load: PageServerLoad = async ({ locals, setHeaders, url }) => {
	// Each rendering carries a fresh idempotency key: never share a cached copy.
	setHeaders({ 'cache-control': 'private, no-store' });
	const centre = await pickerOpening(locals.db);
	return {
		idempotencyKey: crypto.randomUUID(),
		mapCentre: centre,
		// The picker's opening view drawn by the server (not over an operator's basemap).
		firstView: config.BASEMAP_STYLE_URL ? null : firstViewImage(centre, 'picker', false),
		basemapStyleUrl: config.BASEMAP_STYLE_URL ?? null,
		target: await target(locals.db, url, locals.locale)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const result = await receiveReport(event, (form) => form.get('idempotency_key'));
		if (!result.ok) {
			if (result.retryAfter) event.setHeaders({ 'retry-after': String(result.retryAfter) });
			const { fields, form } = result;
			return fail(result.status, {
				fields,
				values: formValuesOf(form),
				idempotencyKey: form?.get('idempotency_key')?.toString()
			});
		}
		redirect(303, `/report/status/${result.receipt.statusToken}`);
	}
};
