/**
 * The message catalogue, one file per part of the app so each part keeps its own words.
 * Each file exports `{ en, 'sr-Latn' }` with the same keys; English defines the key set.
 */
import type { Message } from '../index';
import account from './account';
import areas from './areas';
import basemap from './basemap';
import leads from './leads';
import common from './common';
import data from './data';
import embed from './embed';
import fields from './fields';
import map from './map';
import models from './models';
import moderate from './moderate';
import numbers from './numbers';
import report from './report';
import stats from './stats';
import tiles from './tiles';

const parts = [
	common,
	account,
	map,
	report,
	moderate,
	models,
	stats,
	tiles,
	basemap,
	numbers,
	data,
	fields,
	embed,
	areas,
	leads
] as const;

type Part = (typeof parts)[number];
// Distributes over the parts (a conditional type only distributes over a type parameter):
// the keys of every part, not only the keys all parts share.
type KeysOf<P> = P extends { en: infer Words } ? keyof Words : never;
export type MessageKey = KeysOf<Part>;

function merge(locale: 'en' | 'sr-Latn'): Record<MessageKey, Message> {
	return Object.assign({}, ...parts.map((part) => part[locale])) as Record<MessageKey, Message>;
}

export const messages = { en: merge('en'), 'sr-Latn': merge('sr-Latn') };
