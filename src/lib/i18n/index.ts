/**
 * Three languages from the first line of UI: Serbian in Latin script (default), Serbian in
 * Cyrillic script, English. Messages are written in English and Serbian Latin
 * (`messages/*.ts`); Cyrillic is derived by transliteration, so the two scripts never drift.
 *
 * A message is a string with `{name}` placeholders, or a plural object chosen with
 * Intl.PluralRules (Serbian has one / few / other: 1 kamera, 3 kamere, 5 kamera, 21 kamera).
 */
import { toCyrillic } from './transliterate';
import { messages as catalogue, type MessageKey } from './messages';

export const locales = ['sr-Latn', 'sr-Cyrl', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'sr-Latn';
export type { MessageKey };

export const localeNames: Record<Locale, string> = {
	'sr-Latn': 'Srpski (latinica)',
	'sr-Cyrl': 'Српски (ћирилица)',
	en: 'English'
};

export type Plural = { one: string; few?: string; other: string };
export type Message = string | Plural;
export type Params = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Best locale for an Accept-Language header; Serbian without a script means Latin. */
export function negotiateLocale(header: string | null | undefined): Locale {
	const wanted = (header ?? '')
		.split(',')
		.map((part) => {
			const [tag, q] = part.trim().split(';q=');
			return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
		})
		.filter((entry) => entry.tag && entry.q > 0)
		.sort((a, b) => b.q - a.q);
	for (const { tag } of wanted) {
		if (tag.startsWith('sr-cyrl')) return 'sr-Cyrl';
		if (tag.startsWith('sr') || tag.startsWith('hr') || tag.startsWith('bs') || tag.startsWith('sh')) return 'sr-Latn';
		if (tag.startsWith('en')) return 'en';
	}
	return defaultLocale;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
	let rules = pluralRules.get(locale);
	if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale === 'en' ? 'en' : 'sr')));
	return rules.select(count);
}

/** The number format people expect: 1.234,5 in Serbian, 1,234.5 in English. */
export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
	return new Intl.NumberFormat(locale === 'en' ? 'en' : 'sr-Latn', options).format(value);
}

/** Dates only, never times (public outputs carry no time finer than a day). */
export function formatDate(locale: Locale, isoDate: string): string {
	const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : `sr-${locale === 'sr-Cyrl' ? 'Cyrl' : 'Latn'}`, {
		dateStyle: 'long',
		timeZone: 'UTC'
	}).format(date);
}

function interpolate(text: string, params: Params | undefined, locale: Locale): string {
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = params[name];
		if (value === undefined) return whole;
		return typeof value === 'number' ? formatNumber(locale, value) : value;
	});
}

/** Transliterates the message text but not the parameters substituted into it. */
function render(locale: Locale, message: string, params?: Params): string {
	if (locale !== 'sr-Cyrl') return interpolate(message, params, locale);
	const parts = message.split(/(\{\w+\})/);
	return parts.map((part) => (/^\{\w+\}$/.test(part) ? interpolate(part, params, locale) : toCyrillic(part))).join('');
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
	const source = locale === 'en' ? catalogue.en : catalogue['sr-Latn'];
	const message: Message = source[key] ?? catalogue.en[key] ?? key;
	if (typeof message === 'string') return render(locale, message, params);
	const count = Number(params?.count ?? 0);
	const category = pluralCategory(locale, count);
	const text = (category === 'one' ? message.one : category === 'few' ? message.few : undefined) ?? message.other;
	return render(locale, text, params);
}

/** Whether the catalogue has a message for `key` (optional texts, such as a field's help). */
export function hasMessage(key: string): key is MessageKey {
	return key in catalogue.en;
}

/** `t('key', params)` bound to one locale; pass it to components or call it in loads. */
export function translator(locale: Locale) {
	return (key: MessageKey, params?: Params) => translate(locale, key, params);
}
export type Translate = ReturnType<typeof translator>;
