/**
 * 200 generated malformed reports, each sent in English and in Serbian: every answer is a 4xx
 * with field-level messages in the request's language; nothing is stored; no 5xx.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = '100000';
	process.env.RATE_LIMIT_SUBMISSIONS_PER_DAY = '100000';
});

import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import type { Database } from '../../../src/lib/server/db';
import { messages } from '../../../src/lib/i18n/messages';
import type { Message } from '../../../src/lib/i18n';
import { POST } from '../../../src/routes/api/v1/submissions/+server';
import { testBackend, testDatabase } from '../harness';
import { fixture, reportBody, requestEvent, rowCounts, temporaryStorage } from './helpers';

type Photo = { bytes: Uint8Array; name: string };
interface Case {
	payload: Record<string, unknown> | string;
	photos: 'valid' | 'none' | 'six' | Photo;
	key?: string;
}

/** A PNG header claiming 16000×16000 pixels, with a little image data: under 1 MB. */
function pngBomb(): Uint8Array {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (bytes: Buffer) => {
		let c = 0xffffffff;
		for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const out = Buffer.alloc(body.length + 8);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc(body), body.length + 4);
		return out;
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(16000, 0);
	header.writeUInt32BE(16000, 4);
	header[8] = 8; // bit depth
	header[9] = 0; // greyscale
	const rows = deflateSync(Buffer.alloc(16001 * 64));
	return new Uint8Array(
		Buffer.concat([
			Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
			chunk('IHDR', header),
			chunk('IDAT', rows),
			chunk('IEND', Buffer.alloc(0))
		])
	);
}

const valid = { kind: 'new_camera', lat: 44.8176, lng: 20.4573 };
const text = (value: string) => new TextEncoder().encode(value);

function casesArbitrary(jpeg: Uint8Array) {
	const field = fc.constantFrom(
		'kind',
		'lat',
		'lng',
		'surveillance',
		'surveillance_type',
		'camera_type',
		'camera_mount',
		'camera_direction',
		'surveillance_zone',
		'height',
		'operator',
		'operator_class',
		'manufacturer',
		'model',
		'capabilities',
		'capability_note',
		'note',
		'camera_id',
		'removed_on'
	);
	const wrongValue = fc.oneof(
		fc.boolean(),
		fc.constant({}),
		fc.array(fc.object(), { minLength: 1, maxLength: 2 }),
		fc.string({ minLength: 1, maxLength: 5 }).map((value) => `x${value}`),
		fc.double({ noNaN: true, min: 1e7, max: 1e12 })
	);
	const mutation = fc.oneof(
		// wrong types
		fc.tuple(field, wrongValue).map(([name, value]) => ({ [name]: value })),
		// coordinates out of range
		fc.record({
			lat: fc.oneof(
				fc.double({ min: 90.0001, max: 1e9, noNaN: true }),
				fc.double({ min: -1e9, max: -90.0001, noNaN: true })
			)
		}),
		fc.record({
			lng: fc.oneof(
				fc.double({ min: 180.0001, max: 1e9, noNaN: true }),
				fc.double({ min: -1e9, max: -180.0001, noNaN: true })
			)
		}),
		// overlong strings
		fc
			.constantFrom('operator', 'manufacturer', 'model')
			.chain((name) => fc.integer({ min: 201, max: 5000 }).map((length) => ({ [name]: 'a'.repeat(length) }))),
		fc
			.constantFrom('note', 'capability_note')
			.chain((name) => fc.integer({ min: 2001, max: 20000 }).map((length) => ({ [name]: 'b'.repeat(length) }))),
		// unknown enum values
		fc
			.tuple(
				fc.constantFrom(
					'kind',
					'surveillance',
					'surveillance_type',
					'camera_type',
					'camera_mount',
					'surveillance_zone'
				),
				fc.string({ minLength: 1, maxLength: 12 })
			)
			.map(([name, value]) => ({ [name]: `not-${value}` })),
		fc.constantFrom({ capabilities: ['mind_reading'] }, { operator_class: 'aliens' }),
		// extra fields
		fc
			.tuple(
				fc.constantFrom('status', 'id', 'version', 'user_id', 'created_at', 'approved', '__proto__x'),
				fc.jsonValue()
			)
			.map(([name, value]) => ({ [name]: value ?? 'x' })),
		// directions
		fc.constantFrom(
			{ camera_direction: [360] },
			{ camera_direction: [-1] },
			{ camera_direction: [12.5] },
			{ camera_direction: [0, 45, 90, 135, 180, 225, 270, 315, 10] },
			{ camera_direction: [90, 90] },
			{ camera_direction: 'north' }
		),
		// heights, dates and camera ids
		fc.constantFrom({ height: 0 }, { height: -3 }, { height: 301 }, { camera_id: 0 }, { camera_id: 1.5 }),
		fc.constantFrom({ removed_on: '2024-01-01' }, { kind: 'removal', camera_id: 1, removed_on: '2999-01-01' }),
		// kind rules
		fc.constantFrom(
			{ kind: 'confirmation' },
			{ kind: 'edit' },
			{ kind: 'removal' },
			{ camera_id: 5 },
			{ lat: undefined }
		),
		// characters PostgreSQL or moderators must not see
		fc.constantFrom({ operator: 'a\u0000b' }, { note: 'bad \ud800 surrogate' }, { model: 'line\nbreak' })
	);
	const badPhoto = fc.constantFrom<Photo>(
		{ bytes: text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), name: 'x.svg' },
		{ bytes: text('<!doctype html><html><script>alert(1)</script></html>'), name: 'x.jpg' },
		{ bytes: text('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), name: 'x.pdf' },
		{ bytes: new Uint8Array([...text('GIF89a'), 1, 0, 1, 0, 0, 0, 0, 59]), name: 'x.gif' },
		{
			bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...text('<html><script>alert(1)</script></html>')]),
			name: 'x.jpg'
		},
		{ bytes: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), name: 'truncated.jpg' },
		{ bytes: pngBomb(), name: 'bomb.png' },
		{ bytes: new Uint8Array(0), name: 'empty.jpg' },
		// Over the per-photo size limit (25 MB): a JPEG start, then zeros.
		{
			bytes: (() => {
				const huge = new Uint8Array(25 * 1024 * 1024 + 1);
				huge.set([0xff, 0xd8, 0xff]);
				return huge;
			})(),
			name: 'huge.jpg'
		}
	);
	return fc.oneof(
		{
			weight: 14,
			arbitrary: fc
				.array(mutation, { minLength: 1, maxLength: 3 })
				.map((list): Case => ({ payload: Object.assign({}, valid, ...list), photos: 'valid' }))
		},
		{ weight: 3, arbitrary: badPhoto.map((photo): Case => ({ payload: valid, photos: photo })) },
		{
			weight: 1,
			arbitrary: fc.constantFrom<Case>({ payload: valid, photos: 'none' }, { payload: valid, photos: 'six' })
		},
		{
			weight: 1,
			arbitrary: fc.constantFrom<Case>(
				{ payload: '{"kind": "new_camera",', photos: 'valid' },
				{ payload: '[1,2]', photos: 'valid' },
				{ payload: 'null', photos: 'valid' }
			)
		},
		{
			weight: 1,
			arbitrary: fc.constantFrom<Case>(
				{ payload: valid, photos: 'valid', key: 'short' },
				{ payload: valid, photos: 'valid', key: '' },
				{ payload: valid, photos: 'valid', key: 'x'.repeat(200) }
			)
		}
	);
}

/** Every error message template of a language, as regular expressions. */
function messagePatterns(locale: 'en' | 'sr-Latn'): RegExp[] {
	const catalogue = messages[locale] as Record<string, Message>;
	const templates = Object.entries(catalogue)
		.filter(([key]) => key.startsWith('report.error.') || key.startsWith('report.photoError.'))
		.flatMap(([, message]) => (typeof message === 'string' ? [message] : Object.values(message)));
	return templates.map(
		(template) => new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.+')}$`, 's')
	);
}

describe(`malformed reports (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	let jpeg: Uint8Array;

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
		jpeg = await fixture('camera-gps-orientation6.jpg');
	});
	afterAll(async () => {
		await database?.close();
		await storage?.remove();
	});

	it('answers 200 malformed reports with 4xx and field-level messages in the request language', async () => {
		const cases = fc.sample(casesArbitrary(jpeg), { numRuns: 200, seed: 20260523 });
		expect(cases).toHaveLength(200);
		const patterns = { en: messagePatterns('en'), 'sr-Latn': messagePatterns('sr-Latn') };
		const statuses = new Map<number, number>();

		for (const [index, testCase] of cases.entries()) {
			const photos: Photo[] =
				testCase.photos === 'valid'
					? [{ bytes: jpeg, name: 'camera.jpg' }]
					: testCase.photos === 'none'
						? []
						: testCase.photos === 'six'
							? Array.from({ length: 6 }, () => ({ bytes: jpeg, name: 'camera.jpg' }))
							: [testCase.photos];
			const answers: Record<string, Record<string, string>> = {};
			for (const [language, locale] of [
				['en-GB,en;q=0.9', 'en'],
				['sr-RS,sr;q=0.9', 'sr-Latn']
			] as const) {
				const body = reportBody(typeof testCase.payload === 'string' ? {} : testCase.payload, photos);
				if (typeof testCase.payload === 'string') body.set('payload', testCase.payload);
				const response = await POST(
					requestEvent(database, '/api/v1/submissions', {
						method: 'POST',
						headers: { 'idempotency-key': testCase.key ?? crypto.randomUUID(), 'accept-language': language },
						body
					}) as never
				);
				const context = `case ${index} (${locale}): ${JSON.stringify(testCase.payload).slice(0, 300)}`;
				statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
				expect(response.status, context).toBeGreaterThanOrEqual(400);
				expect(response.status, context).toBeLessThan(500);
				const answer = await response.json();
				expect(Object.keys(answer.fields ?? {}).length, context).toBeGreaterThan(0);
				for (const [name, message] of Object.entries(answer.fields as Record<string, string>)) {
					expect(
						patterns[locale].some((pattern) => pattern.test(message)),
						`${context}: ${name} → "${message}" is not a ${locale} message`
					).toBe(true);
				}
				answers[locale] = answer.fields;
			}
			// The same fields are named in both languages, with different words.
			expect(Object.keys(answers['sr-Latn']).sort()).toEqual(Object.keys(answers.en).sort());
			for (const name of Object.keys(answers.en)) expect(answers['sr-Latn'][name]).not.toBe(answers.en[name]);
		}

		expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
		// The generator reaches every kind of refusal.
		for (const status of [400, 413, 415, 422]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
		expect(await rowCounts(database)).toEqual({ submissions: 0, photos: 0, uploads: 0 });
		expect(await storage.files()).toEqual([]);
	});
});
