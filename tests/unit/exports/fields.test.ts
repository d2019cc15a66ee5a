/**
 * The data dictionary, the exports and the API schemas read one list of fields: every field is
 * described in every language, every allowed value has a label, and the schemas accept exactly
 * the documented values.
 */
import { describe, expect, it } from 'vitest';
import { locales, translate, type MessageKey } from '../../../src/lib/i18n';
import { messages } from '../../../src/lib/i18n/messages';
import { dataTerms } from '../../../src/lib/i18n/messages/data';
import { csvColumns, exportFields, geojsonProperties, type ExportField } from '../../../src/lib/exports/fields';
import { exportCameraProperties } from '../../../src/lib/schemas/api';
import * as tags from '../../../src/lib/camera-tags';

const fields: readonly ExportField[] = exportFields;

describe('export fields', () => {
	it('are described, with labelled values, in every language', () => {
		for (const field of fields) {
			const key = `field.${field.name}` as MessageKey;
			expect(messages.en[key], field.name).toBeDefined();
			expect(messages['sr-Latn'][key], field.name).toBeDefined();
			for (const locale of locales) {
				const text = translate(locale, key, { ...dataTerms, path: '/cameras/42', osm: 'OSM' });
				expect(text, `${locale} ${field.name}`).not.toMatch(/\{\w+\}/);
			}
			for (const value of field.values ?? []) {
				if (!field.labels) continue;
				expect(messages.en[`${field.labels}.${value}` as MessageKey], `${field.name}=${value}`).toBeDefined();
			}
		}
	});

	it('take their values from the camera tags', () => {
		const byName = Object.fromEntries(fields.map((field) => [field.name, field.values]));
		expect(byName.surveillance_type).toEqual(tags.surveillanceTypes);
		expect(byName.camera_mount).toEqual(tags.cameraMounts);
		expect(byName.capabilities).toEqual(tags.capabilities);
		expect(byName.confidence).toEqual(tags.confidences);
	});

	it('are the CSV columns and, without the position, the GeoJSON properties and the API schema', () => {
		expect(csvColumns).toEqual(fields.map((field) => field.name));
		expect(geojsonProperties).toEqual(csvColumns.filter((name) => name !== 'lon' && name !== 'lat'));
		expect(Object.keys(exportCameraProperties.shape)).toEqual(geojsonProperties);
	});

	it('schema accepts the documented values and refuses others', () => {
		// Every field that may be empty starts empty, so a new optional field needs no edit here.
		const empty = Object.fromEntries(
			fields.filter((field) => field.export === 'all' && field.nullable).map((field) => [field.name, null])
		);
		const camera = {
			...empty,
			id: 1,
			surveillance: 'public',
			surveillance_type: 'ALPR',
			camera_type: null,
			camera_mount: 'pole',
			camera_direction: [0, 359],
			surveillance_zone: null,
			height: 4.5,
			operator: null,
			operator_class: 'police',
			manufacturer: null,
			model: null,
			capabilities: ['plate_reading'],
			status: 'active',
			removed_on: null,
			confidence: 'verified',
			confirmations: 2,
			first_seen: '2026-01-02',
			last_seen: null,
			source: 'osm',
			osm_id: 42,
			attribution: '© OpenStreetMap contributors'
		};
		expect(exportCameraProperties.safeParse(camera).success).toBe(true);
		for (const [name, value] of [
			['surveillance_type', 'drone'],
			['camera_direction', [360]],
			['first_seen', '2026-01-02T10:00:00Z'],
			['height', 0],
			['submitter', 'someone']
		] as const) {
			expect(exportCameraProperties.safeParse({ ...camera, [name]: value }).success, name).toBe(false);
		}
	});
});
