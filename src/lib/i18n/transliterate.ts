/**
 * Serbian Latin ↔ Cyrillic. Serbian has a one-to-one mapping except the digraphs lj, nj
 * and dž, which are single letters. Words that are not Serbian (brand names, "OpenStreetMap",
 * URLs) must stay Latin: wrap them in {braces} as message parameters, which are never
 * transliterated.
 */
const digraphs: Record<string, string> = {
	Lj: 'Љ',
	LJ: 'Љ',
	lj: 'љ',
	Nj: 'Њ',
	NJ: 'Њ',
	nj: 'њ',
	Dž: 'Џ',
	DŽ: 'Џ',
	dž: 'џ'
};

const letters: Record<string, string> = {
	A: 'А',
	B: 'Б',
	V: 'В',
	G: 'Г',
	D: 'Д',
	Đ: 'Ђ',
	E: 'Е',
	Ž: 'Ж',
	Z: 'З',
	I: 'И',
	J: 'Ј',
	K: 'К',
	L: 'Л',
	M: 'М',
	N: 'Н',
	O: 'О',
	P: 'П',
	R: 'Р',
	S: 'С',
	T: 'Т',
	Ć: 'Ћ',
	U: 'У',
	F: 'Ф',
	H: 'Х',
	C: 'Ц',
	Č: 'Ч',
	Š: 'Ш',
	a: 'а',
	b: 'б',
	v: 'в',
	g: 'г',
	d: 'д',
	đ: 'ђ',
	e: 'е',
	ž: 'ж',
	z: 'з',
	i: 'и',
	j: 'ј',
	k: 'к',
	l: 'л',
	m: 'м',
	n: 'н',
	o: 'о',
	p: 'п',
	r: 'р',
	s: 'с',
	t: 'т',
	ć: 'ћ',
	u: 'у',
	f: 'ф',
	h: 'х',
	c: 'ц',
	č: 'ч',
	š: 'ш'
};

/**
 * Names that are the same in every script: file formats, standards, products. A Serbian reader
 * writes "CSV" and "OpenStreetMap" in Latin letters inside Cyrillic text too; "ЦСВ" is not a
 * format anyone can look up.
 */
const KEEP_LATIN =
	/\b(GeoJSON|JSON|CSV|PNG|SVG|PDF|JPEG|WebP|PMTiles|MVT|API|URL|HTTPS?|OpenStreetMap|OSM|Atom|RSS|ALPR|PTZ|iframe|oEmbed|XML|JavaScript|MapLibre|ODbL|CC BY|CC0|SQL|PostGIS|PostgreSQL|Natural Earth)\b/;

export function toCyrillic(latin: string): string {
	const parts = latin.split(KEEP_LATIN);
	// split() with a capturing group puts the kept names at the odd indices.
	return parts.map((part, i) => (i % 2 === 1 ? part : lettersToCyrillic(part))).join('');
}

function lettersToCyrillic(latin: string): string {
	let out = '';
	for (let i = 0; i < latin.length; i++) {
		const pair = latin.slice(i, i + 2);
		if (digraphs[pair]) {
			out += digraphs[pair];
			i++;
		} else {
			out += letters[latin[i]] ?? latin[i];
		}
	}
	return out;
}

/** Cyrillic → Latin, the inverse of the tables above (Љ → Lj, or LJ inside a word in capitals). */
const toLatinLetters: Record<string, string> = Object.fromEntries([
	...Object.entries(letters).map(([latin, cyrillic]) => [cyrillic, latin]),
	...Object.entries(digraphs)
		.filter(([latin]) => latin.length === 2 && latin[1] === latin[1].toLowerCase())
		.map(([latin, cyrillic]) => [cyrillic, latin])
]);
const capitalDigraphs: Record<string, string> = { Љ: 'LJ', Њ: 'NJ', Џ: 'DŽ' };
const CYRILLIC = /[\u0400-\u04ff]/;

/** Serbian Cyrillic → Latin; other characters (Latin, digits, other scripts) are kept as they are. */
export function toLatin(cyrillic: string): string {
	if (!CYRILLIC.test(cyrillic)) return cyrillic;
	let out = '';
	for (let i = 0; i < cyrillic.length; i++) {
		const char = cyrillic[i];
		const capital = capitalDigraphs[char];
		// "ЉУБИЋ" → "LJUBIĆ", but "Љубић" → "Ljubić": a digraph is all capitals beside another capital.
		if (capital && (isCapital(cyrillic[i + 1]) || (isCapital(cyrillic[i - 1]) && !isLower(cyrillic[i + 1])))) {
			out += capital;
		} else {
			out += toLatinLetters[char] ?? char;
		}
	}
	return out;
}

const isCapital = (char: string | undefined) => char !== undefined && char !== char.toLowerCase();
const isLower = (char: string | undefined) => char !== undefined && char !== char.toUpperCase();
