import { describe, expect, it } from 'vitest';
import { camerasOf, clusterTotal, toCameraFeature } from '../../../src/lib/geo/camera-features';

const camera = (id: number, properties: Record<string, unknown> = {}, coordinates = [20.46, 44.81]) => ({
	id,
	properties: { id, surveillance_type: 'camera', confidence: 'verified', status: 'active', ...properties },
	geometry: { type: 'Point', coordinates }
});

describe('camera features from the tiles', () => {
	it('reads the contract properties into a typed camera', () => {
		expect(
			toCameraFeature(
				camera(7, {
					surveillance_type: 'ALPR',
					camera_type: 'dome',
					mount: 'pole',
					zone: 'traffic',
					operator_class: 'police',
					face_recognition: true,
					plate_reading: 'false',
					confidence: 'confirmed',
					status: 'removed',
					directions: '90,180',
					last_seen: '2026-04-30'
				})
			)
		).toEqual({
			id: 7,
			lng: 20.46,
			lat: 44.81,
			surveillance_type: 'ALPR',
			camera_type: 'dome',
			mount: 'pole',
			zone: 'traffic',
			operator_class: 'police',
			face_recognition: true,
			plate_reading: false,
			confidence: 'confirmed',
			status: 'removed',
			directions: [90, 180],
			last_seen: '2026-04-30'
		});
	});

	it('falls back to safe values for missing or unknown properties', () => {
		const read = toCameraFeature({
			id: 3,
			properties: { surveillance_type: 'drone', directions: '', last_seen: '2026-04-30T10:00:00Z', mount: 'x' },
			geometry: { type: 'Point', coordinates: [1, 2] }
		});
		expect(read).toMatchObject({
			surveillance_type: 'camera',
			operator_class: 'unknown',
			confidence: 'reported',
			status: 'active',
			mount: null,
			directions: [],
			last_seen: null
		});
	});

	it('takes the id from the properties when the feature has none, and refuses features without one', () => {
		expect(toCameraFeature({ ...camera(5), id: undefined })?.id).toBe(5);
		expect(toCameraFeature({ properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } })).toBeNull();
		expect(toCameraFeature({ ...camera(5), geometry: { type: 'Polygon', coordinates: [] } })).toBeNull();
	});

	it('lists each camera once, by id, even when it is in two tiles', () => {
		const listed = camerasOf([camera(9), camera(2), camera(9, {}, [20.4601, 44.81]), camera(4)]);
		expect(listed.map((c) => c.id)).toEqual([2, 4, 9]);
	});

	it('adds up the clusters, each once', () => {
		const cluster = (count: unknown, coordinates: number[]) => ({
			properties: { count },
			geometry: { type: 'Point', coordinates }
		});
		expect(
			clusterTotal([cluster(10, [20, 44]), cluster(10, [20, 44]), cluster('5', [20.1, 44]), cluster('x', [21, 44])])
		).toBe(15);
	});
});
