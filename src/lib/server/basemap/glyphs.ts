/**
 * Glyph ranges (MapLibre "glyphs": signed distance fields of 256 code points, as PBF) from a
 * folder with one subfolder per font, `{font}/{start}-{end}.pbf`. A range the folder does not
 * have answers an empty glyph set, so a label with an unexpected character draws without it
 * instead of failing the whole label layer.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Held } from '../http/held';

export const RANGE_SIZE = 256;
/** The last range of the Basic Multilingual Plane, the only one MapLibre asks glyphs for. */
const LAST_RANGE_START = 65280;

export type RangeParse = { ok: true; start: number } | { ok: false };

/** `0-255.pbf` → 0; anything not a whole 256-code-point range → not ok. */
export function parseRange(file: string): RangeParse {
	const match = /^(\d{1,5})-(\d{1,5})\.pbf$/.exec(file);
	if (!match) return { ok: false };
	const start = Number(match[1]);
	const end = Number(match[2]);
	if (start % RANGE_SIZE !== 0 || end !== start + RANGE_SIZE - 1 || start > LAST_RANGE_START) return { ok: false };
	return { ok: true, start };
}

function varint(value: number): number[] {
	const out: number[] = [];
	let rest = value;
	while (rest >= 0x80) {
		out.push((rest & 0x7f) | 0x80);
		rest >>>= 7;
	}
	out.push(rest);
	return out;
}

/** A glyph PBF with the font stack's name and range and no glyphs (glyphs.proto: stacks = 1; name = 1, range = 2). */
export function emptyGlyphs(fontstack: string, start: number): Buffer {
	const name = Buffer.from(fontstack, 'utf8');
	const range = Buffer.from(`${start}-${start + RANGE_SIZE - 1}`, 'ascii');
	const stack = Buffer.concat([
		Buffer.from([0x0a, ...varint(name.length)]),
		name,
		Buffer.from([0x12, ...varint(range.length)]),
		range
	]);
	return Buffer.concat([Buffer.from([0x0a, ...varint(stack.length)]), stack]);
}

export class GlyphFolder {
	readonly fonts: ReadonlySet<string>;
	private readonly files = new Map<string, Buffer | null>();
	private readonly answers = new Map<string, Held>();

	constructor(private readonly folder: string) {
		let names: string[];
		try {
			names = fs
				.readdirSync(folder, { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.map((entry) => entry.name);
		} catch {
			names = [];
		}
		this.fonts = new Set(names);
	}

	/**
	 * The first font of a comma-separated stack that the folder has (MapLibre asks for the whole
	 * `text-font` list at once), or undefined.
	 */
	font(fontstack: string): string | undefined {
		return fontstack
			.split(',')
			.map((name) => name.trim())
			.find((name) => this.fonts.has(name));
	}

	/** The range's PBF for a font the folder has (an empty set when the range is missing). */
	range(font: string, start: number): Buffer {
		const key = `${font}/${start}`;
		let bytes = this.files.get(key);
		if (bytes === undefined) {
			try {
				bytes = fs.readFileSync(path.join(this.folder, font, `${start}-${start + RANGE_SIZE - 1}.pbf`));
			} catch {
				bytes = null;
			}
			// At most fonts × 256 entries, each read once: the folder's size is the bound.
			this.files.set(key, bytes);
		}
		return bytes ?? emptyGlyphs(font, start);
	}

	/**
	 * The range as an answer held in memory (gzip-compressed: glyph ranges shrink to about half),
	 * made once; `loaded` finds it without reading anything.
	 */
	held(font: string, start: number): Held {
		const key = `${font}/${start}`;
		let held = this.answers.get(key);
		if (!held) {
			const bytes = this.range(font, start);
			held = {
				gz: gzipSync(bytes, { level: 9 }),
				size: bytes.length,
				etag: createHash('sha256').update(bytes).digest('base64url').slice(0, 22),
				identity: bytes
			};
			this.answers.set(key, held);
		}
		return held;
	}

	/** The range's held answer if `held` has made it; undefined otherwise. */
	loaded(font: string, start: number): Held | undefined {
		return this.answers.get(`${font}/${start}`);
	}
}
