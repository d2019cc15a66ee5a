/** Shared by the statistic widgets: the date line and the address of "all the numbers". */
import { isLocale, type Locale } from '#lib/i18n/index.js';

/** Today as the reader writes it (a day, never finer: public outputs carry no finer time). */
export function widgetDate(locale: Locale, now = new Date()): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
		now
	);
}

/** The statistics page in the embed's language (`lang=` carried over when it was given). */
export function statsPage(origin: string, url: URL): string {
	const lang = url.searchParams.get('lang');
	return `${origin}/stats${isLocale(lang) ? `?lang=${lang}` : ''}`;
}
