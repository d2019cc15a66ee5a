import { fail } from '@sveltejs/kit';
import { translate, type MessageKey } from '#lib/i18n/index.js';
import { areaImportFields, areaImportFile, areaImportOptions, MAX_AREA_FILE_BYTES } from '#lib/schemas/area-import.js';
import { areaLevels } from '#lib/area-levels.js';
import { importAreas, type FeatureProblem } from '#lib/server/areas/import.js';
import * as audit from '#lib/server/audit/repository.js';
import { requirePageRole } from '#lib/server/auth/guard.js';
import * as claims from '#lib/server/areas/claims.js';
import * as areaRecords from '#lib/server/areas/repository.js';
import { areaClaimFields, areaClaimFromForm, parseAreaClaim } from '#lib/schemas/area-claim.js';
import { fieldErrors, formObject, type Wording } from '#lib/schemas/form.js';
import type { Actions, PageServerLoad } from './$types';

/** The imported areas, for admins: what the numbers are counted in. */
export const load: PageServerLoad = async (event) => {
	requirePageRole(event, 'admin');
	const { locals } = event;
	const areas = await areaRecords.listForAdmin(locals.db);
	const nameKey = locals.locale === 'en' ? 'name_en' : locals.locale === 'sr-Cyrl' ? 'name_sr_cyrl' : 'name_sr_latn';
	const claimed = await claims.bySlug(locals.db);
	return {
		levels: areaLevels,
		maxFileMb: MAX_AREA_FILE_BYTES / 1024 / 1024,
		areas: areas.map((area) => ({
			slug: area.slug,
			level: area.level,
			name: area[nameKey],
			population: area.population === null ? null : Number(area.population),
			populationSource: area.population_source,
			km2: area.area_km2 === null ? null : Number(area.area_km2),
			source: area.source,
			claim: claimed.get(area.slug) ?? null
		}))
	};
};

type Values = Partial<Record<(typeof areaImportFields)[number], string>>;

/** The import options' problems, named by field. */
const importWording: Wording = {
	whole: 'form',
	describe(issue) {
		const name = String(issue.path[0]);
		if (name === 'file' && issue.message === 'admin.areas.fileTooLarge') {
			return { key: 'admin.areas.fileTooLarge', params: { mb: MAX_AREA_FILE_BYTES / 1024 / 1024 } };
		}
		if (name === 'file') return { key: 'admin.areas.fileMissing' };
		if (name === 'level') return { key: 'admin.areas.levelInvalid' };
		if (name === 'populationSource' && issue.message === 'populationSource') {
			return { key: 'admin.areas.populationSourceMissing' };
		}
		if (name === 'source' || name === 'populationSource') return { key: 'admin.areas.textInvalid' };
		return { key: 'admin.areas.fieldInvalid' };
	}
};

/** The name of an area in the reader's language, or null when there is no such area. */
async function areaName(locals: App.Locals, slug: string): Promise<string | null> {
	const area = await areaRecords.namesBySlug(locals.db, slug);
	if (!area) return null;
	return areaRecords.areaName(area, locals.locale);
}

export const actions: Actions = {
	/** Sets the official number of cameras for an area ("officially admitted"), audit-logged. */
	claim: async (event) => {
		const admin = requirePageRole(event, 'admin');
		const { locals, request } = event;
		const form = await request.formData();
		const area = String(formObject(form, { only: ['area'] }).area ?? '');
		const claim = areaClaimFromForm(form);
		const values = { area, ...(claim as Partial<Record<(typeof areaClaimFields)[number], string>>) };
		const name = await areaName(locals, area);
		const parsed = parseAreaClaim(claim, locals.locale);
		const fields = parsed.success ? {} : { ...parsed.fields };
		if (name === null) fields.area = translate(locals.locale, 'claim.error.area');
		if (!parsed.success || name === null) {
			return fail(400, { claim: { values, fields, error: translate(locals.locale, 'claim.fix') } });
		}
		await claims.set(locals.db, area, parsed.data, admin.id);
		return { claim: { message: translate(locals.locale, 'claim.saved', { area: name }) } };
	},
	/** Removes an area's official number, audit-logged. */
	claimRemove: async (event) => {
		const admin = requirePageRole(event, 'admin');
		const { locals, request } = event;
		const area = String(formObject(await request.formData(), { only: ['area'] }).area ?? '');
		const name = await areaName(locals, area);
		if (name === null) {
			const fields = { area: translate(locals.locale, 'claim.error.area') };
			return fail(400, { claim: { values: { area }, fields, error: translate(locals.locale, 'claim.fix') } });
		}
		await claims.remove(locals.db, area, admin.id);
		return { claim: { message: translate(locals.locale, 'claim.removed', { area: name }) } };
	},
	/** Imports a GeoJSON file with the command line's options: all features or none, audit-logged. */
	import: async (event) => {
		const admin = requirePageRole(event, 'admin');
		const { locals, request } = event;
		const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locals.locale, key, params);
		let form: FormData;
		try {
			form = await request.formData();
		} catch (error) {
			// Longer than the server reads (BODY_SIZE_LIMIT), or not form data at all.
			if ((error as { status?: number } | null)?.status === 413) {
				const message = t('admin.areas.fileTooLarge', { mb: MAX_AREA_FILE_BYTES / 1024 / 1024 });
				return fail(413, { values: {}, fields: { file: message }, error: t('admin.areas.fix') });
			}
			return fail(400, { values: {}, fields: {}, error: t('error.formType') });
		}
		const values = formObject(form, { only: areaImportFields }) as Values;
		const parsed = areaImportOptions.safeParse(values);
		const fields: Record<string, string> = parsed.success
			? {}
			: fieldErrors(parsed.error.issues, locals.locale, importWording);
		// (The schema's own rule runs only once every field parses; say it with the other messages.)
		if (values.populationField?.trim() && !values.populationSource?.trim()) {
			fields.populationSource = t('admin.areas.populationSourceMissing');
		}
		const upload = areaImportFile.safeParse(formObject(form, { only: ['file'], files: ['file'] }));
		let collection: unknown;
		if (!upload.success) Object.assign(fields, fieldErrors(upload.error.issues, locals.locale, importWording));
		else {
			try {
				collection = JSON.parse(await upload.data.file.text());
			} catch {
				fields.file = t('admin.areas.notJson');
			}
		}
		if (!parsed.success || !upload.success || Object.keys(fields).length > 0) {
			return fail(400, { values, fields, error: t('admin.areas.fix') });
		}

		const fileName = upload.data.file.name.slice(0, 200);
		const result = await importAreas(locals.db, collection, {
			...parsed.data,
			inTransaction: (trx, slugs) =>
				audit.record(trx, {
					actorId: admin.id,
					action: 'area.import',
					target: { type: 'area', id: slugs.join(',').slice(0, 500) },
					details: { file: fileName, level: parsed.data.level, source: parsed.data.source ?? null, areas: slugs }
				})
		});
		const line = (problem: FeatureProblem, key: 'admin.areas.repaired' | 'admin.areas.rejected') => {
			const detail = t(`admin.areas.problem.${problem.code}`, problem.params);
			if (problem.feature === 0) return `${t('admin.areas.file0')}: ${detail}`;
			return t(key, { number: String(problem.feature), name: problem.name ?? t('admin.areas.unnamed'), detail });
		};
		const repaired = result.repaired.map((problem) => line(problem, 'admin.areas.repaired'));
		if (result.errors.length > 0) {
			return fail(422, {
				values,
				fields: {},
				error: t('admin.areas.failed'),
				report: [...result.errors.map((problem) => line(problem, 'admin.areas.rejected')), ...repaired]
			});
		}
		return { message: t('admin.areas.imported', { count: result.imported }), report: repaired };
	}
};
