/**
 * The options of an area import, as the admin page's form sends them: the same options as
 * `npm run areas:import` (src/lib/server/areas/import.ts). Blank fields mean "not given".
 */
import { z } from 'zod';
import { areaLevels } from '../area-levels';

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const property = z.preprocess(blank, z.string().trim().max(100).optional());

export const areaImportOptions = z
	.object({
		level: z.enum(areaLevels),
		nameField: z.preprocess(blank, z.string().trim().min(1).max(100)),
		nameCyrlField: property,
		nameEnField: property,
		slugField: property,
		populationField: property,
		populationSource: z.preprocess(blank, z.string().trim().max(500).optional()),
		source: z.preprocess(blank, z.string().trim().max(500).optional())
	})
	.refine((options) => !options.populationField || options.populationSource, {
		path: ['populationSource'],
		message: 'populationSource'
	});

export type AreaImportForm = z.output<typeof areaImportOptions>;
export const areaImportFields = [
	'level',
	'nameField',
	'nameCyrlField',
	'nameEnField',
	'slugField',
	'populationField',
	'populationSource',
	'source'
] as const;

/** The largest file the page accepts (the whole body must fit under BODY_SIZE_LIMIT too). */
export const MAX_AREA_FILE_BYTES = 20 * 1024 * 1024;

/** The GeoJSON file of an import: sent, not empty, no larger than the page accepts. */
export const areaImportFile = z.object({
	file: z
		.instanceof(File, { message: 'admin.areas.fileMissing' })
		.refine((file) => file.size > 0, 'admin.areas.fileMissing')
		.refine((file) => file.size <= MAX_AREA_FILE_BYTES, 'admin.areas.fileTooLarge')
});
