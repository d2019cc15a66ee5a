import { error } from '@sveltejs/kit';
import { appOrigin } from '#lib/server/auth/request.js';
import { embedAssetUrl } from '#lib/server/embed/assets.js';
import { mapEmbedConfig, scriptJson } from '#lib/server/embed/map.js';
import { parseMapEmbed } from '#lib/embed/params.js';
import { translate } from '#lib/i18n/index.js';
import type { PageServerLoad } from './$types';

/** The embedded map: parameters in src/lib/embed/params.ts. Public, like the map. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const parsed = parseMapEmbed(url.searchParams);
	if (!parsed.ok) error(400, translate(locals.locale, parsed.error, parsed.params));
	const origin = appOrigin({ url });
	const config = await mapEmbedConfig(locals.readDb, origin, parsed.embed, locals.locale);
	return {
		locale: locals.locale,
		ui: parsed.embed.ui,
		osm: parsed.embed.layers.some((layer) => layer !== 'areas'),
		fullMap: config.fullMap,
		configJson: scriptJson(config),
		css: embedAssetUrl(origin, 'maplibre-gl.css'),
		script: embedAssetUrl(origin, 'map.js')
	};
};
