import { appOrigin } from '#lib/server/auth/request.js';
import * as areas from '#lib/server/areas/repository.js';
import { readShareForm, shareSnippet } from '#lib/embed/share.js';
import { translate } from '#lib/i18n/index.js';
import type { PageServerLoad } from './$types';

/** The embed builder: the form's choices, the embed's address and the snippet (public). */
export const load: PageServerLoad = async ({ url, locals }) => {
	const origin = appOrigin({ url });
	const result = readShareForm(url.searchParams, origin, locals.locale);
	const embed = result.embed && {
		...result.embed,
		snippet: shareSnippet(
			result.embed.src,
			translate(result.choice.language, result.embed.title),
			result.embed.size,
			result.choice.kind
		)
	};
	const names = await areas.listNames(locals.db);
	return {
		locale: locals.locale,
		choice: result.choice,
		errors: Object.fromEntries(
			Object.entries(result.errors).map(([field, error]) => [
				field,
				translate(locals.locale, error!.key, error!.params)
			])
		),
		embed,
		areas: names.map((area) => ({ slug: area.slug, name: areas.areaName(area, locals.locale) }))
	};
};
