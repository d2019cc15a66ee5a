/**
 * The street basemap's tiles and glyphs (/basemap/...). Paths and examples are parameters so the
 * Cyrillic script leaves them alone.
 */
import type { Message } from '../index';

const en = {
	'basemap.path': 'Basemap tiles are at {tiles}, their description at {tilejson} and the fonts at {fonts}.',
	'basemap.number': 'Zoom, x and y must be whole numbers, as in {example}.',
	'basemap.range': 'There is no such tile: at zoom {z}, x and y run from 0 to {max}.',
	'basemap.zoom': 'The basemap has tiles from zoom {min} to {max}; the map enlarges zoom {max} beyond that.',
	'basemap.version': '{name} must be the basemap version given by {tilejson}.',
	'basemap.font': 'There is no font "{font}". Fonts: {fonts}.',
	'basemap.glyphRange': 'A glyph range is 256 code points, as in {example}.',
	'basemap.unavailable': 'This server has no street basemap.'
} satisfies Record<string, Message>;

const srLatn: Record<keyof typeof en, Message> = {
	'basemap.path': 'Pločice osnovne mape su na {tiles}, njihov opis na {tilejson}, a fontovi na {fonts}.',
	'basemap.number': 'Zum, x i y moraju biti celi brojevi, kao u {example}.',
	'basemap.range': 'Takva pločica ne postoji: na zumu {z} x i y idu od 0 do {max}.',
	'basemap.zoom': 'Osnovna mapa ima pločice od zuma {min} do {max}; preko toga mapa uvećava zum {max}.',
	'basemap.version': '{name} mora biti verzija osnovne mape koju daje {tilejson}.',
	'basemap.font': 'Font „{font}” ne postoji. Fontovi: {fonts}.',
	'basemap.glyphRange': 'Opseg glifova ima 256 znakova, kao u {example}.',
	'basemap.unavailable': 'Ovaj server nema uličnu osnovnu mapu.'
};

export default { en, 'sr-Latn': srLatn };
