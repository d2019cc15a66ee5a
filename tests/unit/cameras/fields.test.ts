/**
 * One registry of a camera's fields (#lib/cameras/fields): every list derived from it (column
 * lists, report and API schemas, export columns, dictionary messages, tile properties) holds
 * exactly the registry's fields of its kind, in the registry's order. Each expectation below is
 * computed from the registry with a plain loop, independently of the derivation under test.
 */
import { describe, expect, it } from 'vitest';
import {
	apiFields,
	cameraFields,
	exportColumns,
	publicColumns,
	reportFields,
	revisionColumns,
	tileProperties,
	type CameraField
} from '../../../src/lib/cameras/fields';
import { csvColumns, exportFields, geojsonProperties } from '../../../src/lib/exports/fields';
import { exportCameraProperties, publicCameraProperties } from '../../../src/lib/schemas/api';
import { attributeFields, submissionPayload } from '../../../src/lib/schemas/submission';
import { messages } from '../../../src/lib/i18n/messages';

const fields: readonly CameraField[] = cameraFields;

/** The names of the registry's fields that pass `test`, in registry order. */
function namesWhere(test: (field: CameraField) => boolean): string[] {
	const names: string[] = [];
	for (const field of fields) if (test(field)) names.push(field.name);
	return names;
}

describe('camera field registry', () => {
	it('names each field once', () => {
		expect(new Set(fields.map((field) => field.name)).size).toBe(fields.length);
		const properties = tileProperties.map((property) => property.property);
		expect(new Set(properties).size).toBe(properties.length);
		expect(tileProperties.map((property) => property.order)).toEqual(properties.map((_, index) => index));
	});

	it('gives the column lists of the repository, the revisions and the exports', () => {
		expect(publicColumns).toEqual(namesWhere((field) => field.column && field.api === true));
		expect(revisionColumns).toEqual(namesWhere((field) => field.column && field.revision === true));
		expect(exportColumns).toEqual(namesWhere((field) => field.column && field.export !== undefined));
		// What leaves through the API or the exports is never internal: every exported column is public.
		for (const name of exportColumns) expect(publicColumns, name).toContain(name);
	});

	it('gives the export columns, the GeoJSON properties and the API schemas', () => {
		expect(exportFields.map((field) => field.name)).toEqual(namesWhere((field) => field.export !== undefined));
		expect(csvColumns).toEqual(namesWhere((field) => field.export !== undefined));
		expect(geojsonProperties).toEqual(namesWhere((field) => field.export === 'all'));
		expect(Object.keys(exportCameraProperties.shape)).toEqual(namesWhere((field) => field.export === 'all'));
		expect(apiFields).toEqual(namesWhere((field) => field.api === true));
		expect(Object.keys(publicCameraProperties.shape)).toEqual(namesWhere((field) => field.api === true));
	});

	it('gives the fields of a report, under their payload names', () => {
		const reported = fields
			.filter((field) => field.report !== undefined)
			.map((field) => (typeof field.report === 'string' ? field.report : field.name));
		expect(attributeFields).toEqual(reported);
		expect(reportFields.map(({ payload }) => payload)).toEqual(reported);
		expect(Object.keys(submissionPayload.shape)).toEqual([
			'kind',
			'camera_id',
			'lat',
			'lng',
			...reported,
			'note',
			'removed_on'
		]);
	});

	it('gives the dictionary its meaning of every field in every language', () => {
		for (const field of fields) {
			expect(messages.en[`field.${field.name}` as keyof typeof messages.en], field.name).toBe(field.description.en);
			expect(messages['sr-Latn'][`field.${field.name}` as keyof typeof messages.en], field.name).toBe(
				field.description['sr-Latn']
			);
		}
	});

	it('gives the tile properties, a boolean per listed value', () => {
		const expected: string[] = [];
		for (const field of fields) for (const property of field.tile ?? []) expected[property.order] = property.property;
		expect(tileProperties.map((property) => property.property)).toEqual(expected);
		for (const property of tileProperties) {
			if (property.has) expect(property.field.values, property.property).toContain(property.has);
		}
	});
});
