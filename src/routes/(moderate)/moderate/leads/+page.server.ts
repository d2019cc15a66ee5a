import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { translate, type MessageKey } from '#lib/i18n/index.js';
import { leadTerms } from '#lib/i18n/messages/leads.js';
import { fieldErrors, formObject } from '#lib/schemas/form.js';
import { leadForms, moderationWording } from '#lib/schemas/moderation.js';
import { requirePageRole } from '#lib/server/auth/guard.js';
import * as leads from '#lib/server/osm/leads.js';
import type { Actions, PageServerLoad } from './$types';

/** The leads from OpenStreetMap, oldest first, for moderators to confirm, reject or merge. */
export const load: PageServerLoad = async (event) => {
	requirePageRole(event, 'moderator');
	const { total, leads: open } = await leads.queue(event.locals.db);
	return {
		total,
		leads: open.map((lead) => ({
			id: lead.id,
			ref: `${lead.osmType}/${lead.osmId}`,
			place: `${lead.lat.toFixed(6)}, ${lead.lng.toFixed(6)}`,
			tags: Object.entries(lead.tags).sort(([a], [b]) => a.localeCompare(b)),
			attributes: Object.entries(lead.attributes).filter(
				([, value]) => value !== null && !(Array.isArray(value) && value.length === 0)
			),
			nearby: lead.nearby
		}))
	};
};

/**
 * A decision's form, read for its schema; on bad values, a 400 with a message per field (a lead
 * number that does not read is said at the top, since no lead on the page is its own).
 */
async function readDecision<S extends (typeof leadForms)[keyof typeof leadForms]>(
	request: Request,
	schema: S,
	locale: App.Locals['locale']
) {
	const values = formObject(await request.formData(), {
		only: ['lead', 'reason', 'camera'],
		numbers: ['lead', 'camera']
	});
	const parsed = schema.safeParse(values);
	if (parsed.success) return { ok: true as const, data: parsed.data as z.output<S> };
	const fields = fieldErrors(parsed.error.issues, locale, moderationWording);
	const lead = typeof values.lead === 'number' ? values.lead : null;
	return { ok: false as const, failure: fail(400, { lead, fields, error: fields.lead }) };
}

async function deciding<T>(locale: App.Locals['locale'], id: number, work: () => Promise<T>) {
	const t = (key: MessageKey, params?: Record<string, string | number>) =>
		translate(locale, key, { ...leadTerms, ...params });
	try {
		return { ok: true as const, value: await work() };
	} catch (error) {
		if (error instanceof leads.LeadNotOpen)
			return {
				ok: false as const,
				failure: fail(409, {
					lead: id,
					error: t('leads.decided', {
						status: error.status === 'missing' ? '—' : t(`leads.status.${error.status}`)
					})
				})
			};
		if (error instanceof leads.UnknownCamera)
			return {
				ok: false as const,
				failure: fail(400, { lead: id, fields: { camera: t('leads.unknownCamera') } })
			};
		throw error;
	}
}

export const actions: Actions = {
	confirm: async (event) => {
		const moderator = requirePageRole(event, 'moderator');
		const { locals, request } = event;
		const read = await readDecision(request, leadForms.confirm, locals.locale);
		if (!read.ok) return read.failure;
		const id = read.data.lead;
		const lead = await leads.read(locals.db, id);
		const result = await deciding(locals.locale, id, () => leads.confirm(locals.db, id, moderator.id));
		if (!result.ok) return result.failure;
		const ref = lead ? `${lead.osmType}/${lead.osmId}` : String(id);
		return { message: translate(locals.locale, 'leads.confirmed', { ...leadTerms, ref, id: result.value }) };
	},
	reject: async (event) => {
		const moderator = requirePageRole(event, 'moderator');
		const { locals, request } = event;
		const read = await readDecision(request, leadForms.reject, locals.locale);
		if (!read.ok) return read.failure;
		const { lead: id, reason } = read.data;
		const lead = await leads.read(locals.db, id);
		const result = await deciding(locals.locale, id, () => leads.reject(locals.db, id, moderator.id, reason));
		if (!result.ok) return result.failure;
		const ref = lead ? `${lead.osmType}/${lead.osmId}` : String(id);
		return { message: translate(locals.locale, 'leads.rejected', { ...leadTerms, ref }) };
	},
	merge: async (event) => {
		const moderator = requirePageRole(event, 'moderator');
		const { locals, request } = event;
		const read = await readDecision(request, leadForms.merge, locals.locale);
		if (!read.ok) return read.failure;
		const { lead: id, camera } = read.data;
		const lead = await leads.read(locals.db, id);
		const result = await deciding(locals.locale, id, () => leads.merge(locals.db, id, camera, moderator.id));
		if (!result.ok) return result.failure;
		const ref = lead ? `${lead.osmType}/${lead.osmId}` : String(id);
		return { message: translate(locals.locale, 'leads.merged', { ...leadTerms, ref, id: camera }) };
	}
};
