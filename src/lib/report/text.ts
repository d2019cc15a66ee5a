/**
 * The report flow's translator: `translate` plus the technical terms that must stay in Latin
 * script when the text is shown in Cyrillic (they are message parameters, never transliterated).
 */
import { translate, type Locale, type MessageKey, type Params } from '#lib/i18n/index.js';

export const latinTerms: Params = {
	formats: 'JPEG, PNG, WebP',
	ip: 'IP',
	heic: 'HEIC',
	jpeg: 'JPEG',
	json: 'JSON',
	field: 'payload',
	header: 'Idempotency-Key',
	uuid: 'UUID',
	type: 'multipart/form-data',
	example: 'Hikvision, Dahua, Huawei'
};

export function reportText(locale: Locale, key: MessageKey, params?: Params): string {
	return translate(locale, key, params ? { ...latinTerms, ...params } : latinTerms);
}

export function reportTranslator(locale: Locale) {
	return (key: MessageKey, params?: Params) => reportText(locale, key, params);
}
export type ReportTranslate = ReturnType<typeof reportTranslator>;
