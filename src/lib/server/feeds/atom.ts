/**
 * Atom feeds (RFC 4287) of cameras newly verified by a moderator and cameras reported removed,
 * for the whole map and per area, newest first. Read from the camera history (`create` and
 * `remove` revisions), so a camera imported without moderation (demo data, OSM) is not "news".
 * Dates to the day only (midnight UTC): public outputs carry no finer time.
 */
import { translate, type Locale } from '../../i18n';
import { dataTerms } from '../../i18n/messages/data';
import { escapeXml } from '../../xml';
import { areaName } from '../areas/repository';
import { LICENCE, OSM_ATTRIBUTION } from '../../exports/licence';
import type { FeedEntry } from './repository';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

const dateTime = (day: string) => `${day}T00:00:00Z`;

export interface FeedOptions {
	origin: string;
	locale: Locale;
	/** The feed's own path, e.g. `/feeds/cameras.atom`. */
	path: string;
	area?: { slug: string; name_sr_latn: string; name_sr_cyrl: string; name_en: string };
}

/** The feed document. */
export function atomFeed(entries: FeedEntry[], options: FeedOptions): string {
	const { origin, locale } = options;
	const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
		translate(locale, key, { ...dataTerms, ...params });
	const title = options.area ? t('feed.areaTitle', { area: areaName(options.area, locale) }) : t('feed.title');
	const updated = entries.reduce((latest, entry) => (entry.day > latest ? entry.day : latest), '1970-01-01');
	const self = `${origin}${options.path}`;
	const lines = [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
		`\t<title>${escapeXml(title)}</title>`,
		`\t<subtitle>${escapeXml(t('feed.subtitle'))}</subtitle>`,
		`\t<id>${escapeXml(self)}</id>`,
		`\t<updated>${dateTime(updated)}</updated>`,
		`\t<link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
		// A feed per area points at the area's campaign page; the whole map's at the open data.
		`\t<link rel="alternate" type="text/html" href="${escapeXml(`${origin}${options.area ? `/areas/${options.area.slug}` : '/data'}`)}"/>`,
		`\t<link rel="license" href="${escapeXml(LICENCE.url)}"/>`,
		`\t<author><name>${escapeXml(t('app.name'))}</name><uri>${escapeXml(origin)}</uri></author>`,
		`\t<rights>${escapeXml(`${LICENCE.name}. ${t('feed.rights', { osm: OSM_ATTRIBUTION })}`)}</rights>`,
		`\t<generator>Nadzor</generator>`
	];
	for (const entry of entries) {
		const url = `${origin}/cameras/${entry.cameraId}`;
		const kind = t(`tag.surveillance_type.${entry.surveillanceType}` as Parameters<typeof translate>[1]);
		const entryTitle = t(entry.kind === 'verified' ? 'feed.verified' : 'feed.removed', {
			kind,
			id: String(entry.cameraId)
		});
		const summary = t(entry.kind === 'verified' ? 'feed.verifiedSummary' : 'feed.removedSummary', {
			kind,
			day: entry.day
		});
		lines.push(
			'\t<entry>',
			`\t\t<title>${escapeXml(entryTitle)}</title>`,
			`\t\t<id>${escapeXml(`${url}#${entry.kind}-${entry.day}`)}</id>`,
			`\t\t<updated>${dateTime(entry.day)}</updated>`,
			`\t\t<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
			`\t\t<category term="${entry.kind}"/>`,
			`\t\t<summary>${escapeXml(entry.source === 'osm' ? `${summary} ${OSM_ATTRIBUTION}` : summary)}</summary>`,
			'\t</entry>'
		);
	}
	lines.push('</feed>', '');
	return lines.join('\n');
}
