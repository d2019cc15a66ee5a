/** Embed parameters, their canonical address, the snippet and the framing policy. */
import { describe, expect, it } from 'vitest';
import { iframeSnippet, mapEmbedQuery, parseMapEmbed } from '../../../src/lib/embed/params';
import { embedPolicy, isEmbedPath } from '../../../src/lib/server/embed/framing';
import { readShareForm } from '../../../src/lib/embed/share';

const parse = (query: string) => parseMapEmbed(new URLSearchParams(query));

describe('map embed parameters', () => {
	it('reads area, box, view, layers, filters, language, theme and ui', () => {
		const result = parse(
			'bbox=20.3,44.7,20.6,44.9&layers=cameras,areas&type=ALPR,camera&confidence=verified&lang=sr-Cyrl&theme=dark&ui=none'
		);
		expect(result).toEqual({
			ok: true,
			embed: {
				bbox: [20.3, 44.7, 20.6, 44.9],
				layers: ['cameras', 'areas'],
				filter: { type: ['ALPR', 'camera'], confidence: 'verified' },
				lang: 'sr-Cyrl',
				theme: 'dark',
				ui: false
			}
		});
		expect(parse('area=beograd')).toMatchObject({
			ok: true,
			embed: { area: 'beograd', layers: ['cameras', 'fov', 'areas'], theme: 'auto', ui: true }
		});
		expect(parse('map=13/44.81/20.46')).toMatchObject({
			ok: true,
			embed: { view: { zoom: 13, lat: 44.81, lng: 20.46 } }
		});
	});

	it('allows a box larger than the camera API does (a whole country)', () => {
		expect(parse('bbox=18.8,42.2,23.0,46.2')).toMatchObject({ ok: true });
	});

	it('names the field of every bad value', () => {
		expect(parse('area=Not A Slug')).toMatchObject({ ok: false, field: 'area', error: 'embed.area' });
		expect(parse('bbox=1,2')).toMatchObject({ ok: false, field: 'bbox', error: 'bbox.count' });
		expect(parse('map=abc')).toMatchObject({ ok: false, field: 'map', error: 'embed.view' });
		expect(parse('layers=cameras,roads')).toMatchObject({ ok: false, field: 'layers', error: 'embed.layers' });
		expect(parse('type=tank')).toMatchObject({ ok: false, field: 'type', error: 'filter.type' });
		expect(parse('theme=pink')).toMatchObject({ ok: false, field: 'theme', error: 'embed.theme' });
		expect(parse('ui=some')).toMatchObject({ ok: false, field: 'ui', error: 'embed.ui' });
	});

	it('writes a canonical address that reads back the same', () => {
		const first = parse('ui=none&theme=light&lang=en&type=camera,ALPR&layers=fov,cameras&map=12/44.8/20.4');
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		const query = mapEmbedQuery(first.embed);
		expect(query).toBe('map=12/44.8/20.4&layers=cameras,fov&type=ALPR,camera&lang=en&theme=light&ui=none');
		expect(parse(query)).toEqual(first);
		expect(mapEmbedQuery({ layers: ['cameras', 'fov', 'areas'], filter: {}, theme: 'auto', ui: true })).toBe('');
	});
});

describe('snippet', () => {
	it('is a sandboxed, lazy iframe with the address escaped', () => {
		const snippet = iframeSnippet({
			src: 'https://nadzor.example/embed?type=ALPR&lang=en',
			title: 'Map "of" cameras',
			size: { width: 640, height: 480 },
			resize: false
		});
		expect(snippet).toBe(
			'<iframe src="https://nadzor.example/embed?type=ALPR&amp;lang=en" title="Map &quot;of&quot; cameras" width="640" height="480" style="border:0;max-width:100%" loading="lazy" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer"></iframe>'
		);
		expect(snippet).not.toContain('allow-same-origin');
	});

	it('adds the resize listener for widgets, limited to this site’s embeds', () => {
		const snippet = iframeSnippet({
			src: 'https://nadzor.example/embed/stats/counter',
			title: 'Counter',
			size: { width: 320, height: 160 },
			resize: true
		});
		expect(snippet).toMatch(/<\/iframe>\n<script>/);
		expect(snippet).toContain('"https://nadzor.example/embed/"');
		expect(snippet).toContain('d.nadzor!=="resize"');
	});
});

describe('share form', () => {
	const origin = 'https://nadzor.example';
	it('turns a plain form post (repeated checkboxes) into the embed address', () => {
		const params = new URLSearchParams(
			'made=1&kind=map&bbox=20.3,44.7,20.6,44.9&layers=cameras&layers=fov&type=ALPR&type=camera&language=en&theme=dark&controls=1&width=800&height=600'
		);
		const result = readShareForm(params, origin, 'sr-Latn');
		expect(result.errors).toEqual({});
		expect(result.embed?.src).toBe(
			`${origin}/embed?bbox=20.3,44.7,20.6,44.9&layers=cameras,fov&type=ALPR,camera&lang=en&theme=dark`
		);
		expect(result.embed?.size).toEqual({ width: 800, height: 600 });
	});

	it('builds widget addresses and asks for what is missing', () => {
		expect(
			readShareForm(
				new URLSearchParams('kind=counter&area=beograd&capability=face_recognition&language=sr-Cyrl'),
				origin,
				'en'
			).embed?.src
		).toBe(`${origin}/embed/stats/counter?area=beograd&capability=face_recognition&lang=sr-Cyrl`);
		expect(readShareForm(new URLSearchParams('kind=area'), origin, 'en').errors.area?.key).toBe('share.areaNeeded');
		expect(readShareForm(new URLSearchParams('width=5'), origin, 'en').errors.size?.key).toBe('share.size');
	});
});

describe('framing policy', () => {
	const csp =
		"default-src 'self'; worker-src 'self' blob:; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
	it('opens frame-ancestors for /embed and /embed/... only', () => {
		expect(['/embed', '/embed/stats/counter', '/embed/assets/map.js'].every(isEmbedPath)).toBe(true);
		expect(['/', '/embedded', '/moderate', '/share', '/api/oembed'].some(isEmbedPath)).toBe(false);
		expect(embedPolicy(csp)).toBe(
			"default-src 'self'; worker-src 'self' blob: data:; script-src 'self'; frame-ancestors *; form-action 'self'"
		);
	});
});
