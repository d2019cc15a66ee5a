import { describe, expect, it } from 'vitest';
import { cameraModelFromForm, MAX_EVIDENCE, parseCameraModel } from '../../../src/lib/schemas/camera-model';

const valid = {
	manufacturer: 'Primer',
	model: 'DK-1',
	capabilities: ['face_recognition'],
	evidence: [{ url: 'https://example.org/datasheet.pdf', title: 'Data sheet' }],
	notes: ''
};

describe('camera model schema', () => {
	it('accepts a model with evidence, trimming names, sorting capabilities, blank notes as none', () => {
		const parsed = parseCameraModel(
			{ ...valid, manufacturer: '  Primer ', capabilities: ['plate_reading', 'face_recognition', 'plate_reading'] },
			'en'
		);
		expect(parsed).toEqual({
			success: true,
			data: {
				manufacturer: 'Primer',
				model: 'DK-1',
				capabilities: ['face_recognition', 'plate_reading'],
				evidence: valid.evidence,
				notes: null
			}
		});
	});

	it('accepts a model without capabilities and without evidence', () => {
		const parsed = parseCameraModel({ ...valid, capabilities: [], evidence: [] }, 'en');
		expect(parsed.success).toBe(true);
	});

	it('gives one message per field, in the reader’s language', () => {
		const parsed = parseCameraModel(
			{
				manufacturer: ' ',
				model: 'x'.repeat(201),
				capabilities: ['x_ray'],
				evidence: [{ url: 'javascript:alert(1)', title: '' }],
				notes: 'ok'
			},
			'en'
		);
		expect(parsed.success).toBe(false);
		if (parsed.success) return;
		expect(parsed.fields).toEqual({
			manufacturer: 'Required.',
			model: 'At most 200 characters.',
			'capabilities.0': 'Choose from the listed capabilities.',
			'evidence.0.url': 'A web address starting with https:// or http://.',
			'evidence.0.title': 'Required.'
		});
		const serbian = parseCameraModel({ ...valid, manufacturer: '' }, 'sr-Latn');
		expect(serbian.success === false && serbian.fields.manufacturer).toBe('Obavezno.');
		const cyrillic = parseCameraModel({ ...valid, manufacturer: '' }, 'sr-Cyrl');
		expect(cyrillic.success === false && cyrillic.fields.manufacturer).toBe('Обавезно.');
	});

	it('asks for evidence when a capability is claimed', () => {
		const parsed = parseCameraModel({ ...valid, evidence: [] }, 'en');
		expect(parsed.success === false && parsed.fields.evidence).toBe(
			'A capability needs at least one link to the evidence.'
		);
	});

	it('refuses too many links, unknown fields and control characters', () => {
		const many = Array.from({ length: MAX_EVIDENCE + 1 }, (_, i) => ({
			url: `https://example.org/${i}`,
			title: `${i}`
		}));
		const tooMany = parseCameraModel({ ...valid, evidence: many }, 'en');
		expect(tooMany.success === false && tooMany.fields.evidence).toBe(`At most ${MAX_EVIDENCE} links.`);
		const unknown = parseCameraModel({ ...valid, id: 5 }, 'en');
		expect(unknown.success).toBe(false);
		const control = parseCameraModel({ ...valid, model: 'DK\u00001' }, 'en');
		expect(control.success === false && control.fields.model).toBe('This value is not valid.');
		for (const url of ['ftp://example.org/x', 'https://localhost/x', 'not a url']) {
			const parsed = parseCameraModel({ ...valid, evidence: [{ url, title: 'x' }] }, 'en');
			expect(parsed.success, url).toBe(false);
		}
	});

	it('reads the form: repeated capabilities, numbered evidence rows, blank rows left out', () => {
		const form = new FormData();
		form.set('manufacturer', 'Primer');
		form.set('model', 'DK-1');
		form.append('capabilities', 'face_recognition');
		form.append('capabilities', 'plate_reading');
		form.set('evidence.0.url', 'https://example.org/a');
		form.set('evidence.0.title', 'A');
		form.set('evidence.1.url', '');
		form.set('evidence.1.title', '  ');
		form.set('evidence.2.title', 'Only a title');
		form.set('notes', 'Seen in a tender.');
		expect(cameraModelFromForm(form)).toEqual({
			manufacturer: 'Primer',
			model: 'DK-1',
			capabilities: ['face_recognition', 'plate_reading'],
			evidence: [
				{ url: 'https://example.org/a', title: 'A' },
				{ url: '', title: 'Only a title' }
			],
			notes: 'Seen in a tender.'
		});
	});
});
