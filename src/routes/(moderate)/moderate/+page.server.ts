import { requirePageRole } from '#lib/server/auth/guard.js';
import { areaName, listNames } from '#lib/server/areas/repository.js';
import * as moderation from '#lib/server/moderation/repository.js';
import { submissionKinds, type SubmissionKind } from '#lib/schemas/submission.js';
import * as leads from '#lib/server/osm/leads.js';
import type { PageServerLoad } from './$types';

/** The review queue: pending reports oldest first, filtered by area and kind. */
export const load: PageServerLoad = async (event) => {
	requirePageRole(event, 'moderator');
	const { locals, url } = event;
	const areas = await listNames(locals.db);
	const area = areas.find((candidate) => candidate.slug === url.searchParams.get('area'))?.slug;
	const kindParam = url.searchParams.get('kind');
	const kind = submissionKinds.find((candidate) => candidate === kindParam) as SubmissionKind | undefined;
	const { items, total } = await moderation.queue(locals.db, { area, kind });
	const names = new Map(areas.map((entry) => [entry.slug, areaName(entry, locals.locale)]));
	return {
		filter: { area: area ?? '', kind: kind ?? '' },
		areas: areas.map((entry) => ({ slug: entry.slug, name: areaName(entry, locals.locale) })),
		kinds: submissionKinds,
		total,
		openLeads: await leads.openCount(locals.db),
		items: items.map((item) => ({
			id: item.public_id,
			kind: item.kind,
			cameraId: item.camera_id,
			sentOn: new Date(item.created_at).toISOString().slice(0, 10),
			photoCount: item.photo_count,
			area: item.area ? (names.get(item.area) ?? null) : null,
			place: item.lat !== null && item.lng !== null ? `${item.lat.toFixed(5)}, ${item.lng.toFixed(5)}` : null,
			answered: item.answered
		}))
	};
};
