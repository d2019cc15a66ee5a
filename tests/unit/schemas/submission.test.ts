import { describe, expect, it } from 'vitest';
import {
	canonicalJson,
	isIdempotencyKey,
	parseCoordinatePair,
	parseSubmission,
	payloadFromForm,
	photoCountProblem
} from '#lib/schemas/submission.js';

const newCamera = { kind: 'new_camera', lat: 44.8176, lng: 20.4573 };

describe('submission schema', () => {
	it('accepts a minimal new camera and a full one', () => {
		expect(parseSubmission(newCamera, 'en')).toEqual({ success: true, data: newCamera });
		const full = {
			...newCamera,
			surveillance: 'public',
			surveillance_type: 'camera',
			camera_type: 'dome',
			camera_mount: 'pole',
			camera_direction: [0, 135],
			surveillance_zone: 'traffic',
			height: 6.5,
			operator: 'MUP',
			operator_class: 'police',
			manufacturer: 'Huawei',
			model: 'X',
			capabilities: ['face_recognition'],
			capability_note: 'Sold with face recognition.\nInfrared lamp.',
			note: 'Second one on the same pole.'
		};
		const parsed = parseSubmission(full, 'en');
		expect(parsed.success).toBe(true);
	});

	it('refuses unknown fields such as status, naming them', () => {
		const parsed = parseSubmission({ ...newCamera, status: 'approved', id: 7 }, 'en');
		expect(parsed).toEqual({
			success: false,
			fields: { status: 'This field is not part of a report.', id: 'This field is not part of a report.' }
		});
	});

	it('gives field-level messages in the request language', () => {
		const bad = { kind: 'new_camera', lat: 91, lng: '20', camera_type: 'hidden', operator: 'x'.repeat(201) };
		const en = parseSubmission(bad, 'en');
		const sr = parseSubmission(bad, 'sr-Latn');
		const cyrl = parseSubmission(bad, 'sr-Cyrl');
		expect(en).toEqual({
			success: false,
			fields: {
				lat: 'Latitude is a number from -90 to 90, e.g. 44.81762.',
				lng: 'Enter a number.',
				camera_type: 'Choose one of the listed options.',
				operator: 'At most 200 characters.'
			}
		});
		if (sr.success || cyrl.success) throw new Error('expected failures');
		expect(sr.fields.lng).toBe('Upišite broj.');
		expect(sr.fields.operator).toBe('Najviše 200 znakova.');
		expect(cyrl.fields.lng).toBe('Упишите број.');
	});

	it('checks directions: whole degrees 0–359, at most 8, no repeats', () => {
		const fields = (camera_direction: unknown) => {
			const parsed = parseSubmission({ ...newCamera, camera_direction }, 'en');
			return parsed.success ? null : parsed.fields;
		};
		expect(fields([0, 359])).toBeNull();
		expect(fields([360])).toEqual({ 'camera_direction.0': 'Directions are whole degrees from 0 to 359.' });
		expect(fields([-1])).toEqual({ 'camera_direction.0': 'Directions are whole degrees from 0 to 359.' });
		expect(fields([1.5])).toEqual({ 'camera_direction.0': 'Enter a whole number.' });
		expect(fields([0, 45, 90, 135, 180, 225, 270, 315, 10])).toEqual({ camera_direction: 'At most 8 values.' });
		expect(fields([90, 90])).toEqual({ camera_direction: 'Give each value only once.' });
		expect(fields(90)).toEqual({ camera_direction: 'Expected a list of values.' });
	});

	it('applies the rules of each kind', () => {
		const fields = (input: object) => {
			const parsed = parseSubmission(input, 'en');
			return parsed.success ? null : parsed.fields;
		};
		expect(fields({ kind: 'confirmation' })).toEqual({ camera_id: 'Choose the camera this report is about.' });
		expect(fields({ kind: 'confirmation', camera_id: 3 })).toBeNull();
		expect(fields({ ...newCamera, camera_id: 3 })).toEqual({
			camera_id: 'A new camera has no camera number; leave this field out.'
		});
		expect(fields({ kind: 'edit', camera_id: 3 })).toEqual({
			_form: 'A correction needs at least one changed detail or a new place.'
		});
		expect(fields({ kind: 'edit', camera_id: 3, height: 4 })).toBeNull();
		expect(fields({ kind: 'removal', camera_id: 3, removed_on: '2025-02-30' })).toEqual({
			removed_on: 'Enter a date as YYYY-MM-DD, not in the future.'
		});
		expect(fields({ kind: 'removal', camera_id: 3, removed_on: '2025-02-28' })).toBeNull();
		expect(fields({ ...newCamera, removed_on: '2025-02-28' })).toEqual({
			removed_on: 'Only a removal report has this date.'
		});
		expect(fields({ kind: 'new_camera', lat: 44.8 })).toEqual({ lng: 'Give both latitude and longitude.' });
		expect(fields({ kind: 'new_camera' })).toBeNull();
		expect(fields({ kind: 'repair' })).toEqual({ kind: 'Choose one of the listed options.' });
		expect(fields({})).toEqual({ kind: 'This field is required.' });
	});

	it('reports kind rules together with other problems', () => {
		const parsed = parseSubmission({ kind: 'confirmation', height: 'high' }, 'en');
		expect(parsed).toEqual({
			success: false,
			fields: { height: 'Enter a number.', camera_id: 'Choose the camera this report is about.' }
		});
	});

	it('refuses control characters and accepts line breaks only in long texts', () => {
		const fields = (input: object) => {
			const parsed = parseSubmission({ ...newCamera, ...input }, 'en');
			return parsed.success ? null : parsed.fields;
		};
		expect(fields({ operator: 'A\u0000B' })).toEqual({ operator: 'Contains characters that are not allowed.' });
		expect(fields({ operator: 'A\nB' })).toEqual({ operator: 'Contains characters that are not allowed.' });
		expect(fields({ note: 'A\nB' })).toBeNull();
		expect(fields({ note: '\ud800' })).toEqual({ note: 'Contains characters that are not allowed.' });
	});

	it('treats null and blank text as not given', () => {
		const parsed = parseSubmission({ ...newCamera, operator: '  ', model: null, height: null }, 'en');
		expect(parsed).toEqual({ success: true, data: newCamera });
	});

	it('refuses a payload that is not an object', () => {
		for (const input of [null, [], 'x', 3]) {
			expect(parseSubmission(input, 'en')).toEqual({
				success: false,
				fields: { _form: 'The report must be an object with named fields.' }
			});
		}
	});
});

describe('form fields', () => {
	it('turns form strings into a payload', () => {
		const form = new FormData();
		form.set('kind', 'new_camera');
		form.set('idempotency_key', 'abcdefghijklmnopqrstuvwxyz');
		form.set('lat', ' 44,8176 ');
		form.set('lng', '20.4573');
		form.append('camera_direction', '0');
		form.append('camera_direction', '90');
		form.append('capabilities', 'face_recognition');
		form.set('operator', '');
		form.set('height', 'six');
		form.append('photos', new File([], ''));
		expect(payloadFromForm(form)).toEqual({
			kind: 'new_camera',
			lat: 44.8176,
			lng: 20.4573,
			camera_direction: [0, 90],
			capabilities: ['face_recognition'],
			height: 'six'
		});
	});

	it('takes a pasted coordinate pair in the latitude field', () => {
		expect(payloadFromForm([['lat', '44.81762, 20.45731']])).toEqual({ lat: 44.81762, lng: 20.45731 });
		expect(payloadFromForm([['lat', 'geo:44.81762,20.45731?z=19']])).toEqual({ lat: 44.81762, lng: 20.45731 });
		expect(parseCoordinatePair('44.8 20.4')).toEqual({ lat: 44.8, lng: 20.4 });
		expect(parseCoordinatePair('north')).toBeNull();
	});

	it('keeps unknown fields so the schema can name them', () => {
		const payload = payloadFromForm([
			['kind', 'new_camera'],
			['status', 'approved']
		]);
		expect(parseSubmission(payload, 'en')).toMatchObject({ success: false, fields: { status: expect.any(String) } });
	});
});

describe('helpers', () => {
	it('serialises payloads canonically', () => {
		expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: 'x' }] })).toBe('{"a":[2,{"c":"x"}],"b":1}');
		expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
	});

	it('counts photos per kind', () => {
		expect(photoCountProblem('new_camera', 0)?.key).toBe('report.error.photosRequired');
		expect(photoCountProblem('new_camera', 1)).toBeNull();
		expect(photoCountProblem('confirmation', 0)).toBeNull();
		expect(photoCountProblem('confirmation', 6)?.key).toBe('report.error.photosTooMany');
	});

	it('validates idempotency keys', () => {
		expect(isIdempotencyKey(crypto.randomUUID())).toBe(true);
		expect(isIdempotencyKey('short')).toBe(false);
		expect(isIdempotencyKey('a'.repeat(129))).toBe(false);
		expect(isIdempotencyKey('has spaces in it here')).toBe(false);
	});
});
