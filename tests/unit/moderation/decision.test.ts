import { describe, expect, it } from 'vitest';
import { decision, decisionFromForm } from '../../../src/lib/schemas/moderation';
import { confidenceFor, contributorOf, isStale } from '../../../src/lib/server/moderation/trust';

function formOf(entries: [string, string][]): FormData {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
}

describe('the review form', () => {
	it('reads an approval with corrected attributes, a blurred and a clear photo', () => {
		const input = decisionFromForm(
			formOf([
				['action', 'approve'],
				['version', '3'],
				['photo.0', 'blurred'],
				['photo.0.regions', '[{"x":0.1,"y":0.2,"w":0.3,"h":0.4}]'],
				['photo.1', 'clear'],
				['photo.1.regions', '[]'],
				['surveillance_type', 'ALPR'],
				['camera_direction', '90'],
				['camera_direction', ''],
				['height', '4,5'],
				['lat', '44.8'],
				['lng', '20.4'],
				['reason', 'ignored for an approval']
			])
		);
		expect(input).toEqual({
			action: 'approve',
			version: 3,
			photos: [
				{ position: 0, review: 'blurred', regions: [{ x: 0.1, y: 0.2, w: 0.3, h: 0.4 }] },
				{ position: 1, review: 'clear' }
			],
			attributes: { surveillance_type: 'ALPR', camera_direction: [90], height: 4.5, lat: 44.8, lng: 20.4 }
		});
		expect(decision.safeParse(input).success).toBe(true);
	});

	it('refuses what a tampered form could send', () => {
		const parse = (entries: [string, string][]) => decision.safeParse(decisionFromForm(formOf(entries))).success;
		expect(parse([['action', 'approve']])).toBe(false);
		expect(
			parse([
				['action', 'publish'],
				['version', '1']
			])
		).toBe(false);
		expect(
			parse([
				['action', 'reject'],
				['version', '1']
			])
		).toBe(false);
		expect(
			parse([
				['action', 'reject'],
				['version', '1'],
				['reason', 'because']
			])
		).toBe(false);
		expect(
			parse([
				['action', 'needs_info'],
				['version', '1'],
				['question', '   ']
			])
		).toBe(false);
		expect(
			parse([
				['action', 'merge'],
				['version', '1'],
				['merge_camera_id', 'x']
			])
		).toBe(false);
		// Blur regions must be inside the photo and there must be some.
		const blurred = (regions: string) =>
			parse([
				['action', 'approve'],
				['version', '1'],
				['photo.0', 'blurred'],
				['photo.0.regions', regions]
			]);
		expect(blurred('[]')).toBe(false);
		expect(blurred('not json')).toBe(false);
		expect(blurred('[{"x":0.9,"y":0,"w":0.5,"h":0.5}]')).toBe(false);
		expect(blurred('[{"x":-0.1,"y":0,"w":0.5,"h":0.5}]')).toBe(false);
		expect(blurred('[{"x":0.5,"y":0.5,"w":0.5,"h":0.5}]')).toBe(true);
		expect(
			parse([
				['action', 'reject'],
				['version', '1'],
				['reason', 'abuse']
			])
		).toBe(true);
	});
});

describe('trust', () => {
	it('counts people, not reports', () => {
		expect(contributorOf({ id: 7, user_id: 3 })).toBe('user:3');
		expect(contributorOf({ id: 7, user_id: null })).toBe('submission:7');
		expect(confidenceFor(1)).toBe('verified');
		expect(confidenceFor(2)).toBe('confirmed');
	});

	it('flags an active camera nobody has seen for the configured time', () => {
		const today = new Date('2026-11-23T12:00:00Z');
		expect(isStale({ status: 'active', last_seen: '2024-11-01' }, 730, today)).toBe(true);
		expect(isStale({ status: 'active', last_seen: '2025-11-01' }, 730, today)).toBe(false);
		expect(isStale({ status: 'active', last_seen: '2025-11-01' }, 30, today)).toBe(true);
		expect(isStale({ status: 'removed', last_seen: '2020-01-01' }, 730, today)).toBe(false);
		expect(isStale({ status: 'active', last_seen: null }, 730, today)).toBe(false);
	});
});
