/**
 * Vector tiles and TileJSON (/tiles/...) and the camera filter they share with the map. Paths,
 * parameter names and values are passed as parameters so the Cyrillic script leaves them alone.
 */
import type { Message } from '../index';

const en = {
	'tiles.path': 'Tiles are at {tiles} and their description at {tilejson}.',
	'tiles.layer': 'There is no tile layer "{layer}". Layers: {layers}.',
	'tiles.number': 'Zoom, x and y must be whole numbers, as in {example}.',
	'tiles.range': 'There is no such tile: at zoom {z}, x and y run from 0 to {max}.',
	'tiles.zoom': 'The layer "{layer}" has tiles from zoom {min} to {max}.',
	'tiles.version': '{name} must be a whole number: the data version given by {tilejson}.',
	'filter.type': '{name} must be a comma-separated list of: {allowed}.',
	'filter.operator': '{name} must be a comma-separated list of: {allowed}.',
	'filter.capability': '{name} must be a comma-separated list of: {allowed}.',
	'filter.confidence': '{name} must be one of: {allowed}.',
	'filter.removed': '{name} must be 1 (include removed cameras) or 0.',
	'filter.biometric': '{name} must be 1 (only biometric-capable cameras) or 0.'
} satisfies Record<string, Message>;

const srLatn: Record<keyof typeof en, Message> = {
	'tiles.path': 'Pločice su na {tiles}, a njihov opis na {tilejson}.',
	'tiles.layer': 'Sloj pločica „{layer}” ne postoji. Slojevi: {layers}.',
	'tiles.number': 'Zum, x i y moraju biti celi brojevi, kao u {example}.',
	'tiles.range': 'Takva pločica ne postoji: na zumu {z} x i y idu od 0 do {max}.',
	'tiles.zoom': 'Sloj „{layer}” ima pločice od zuma {min} do {max}.',
	'tiles.version': '{name} mora biti ceo broj: verzija podataka koju daje {tilejson}.',
	'filter.type': '{name} mora biti spisak razdvojen zarezima, od: {allowed}.',
	'filter.operator': '{name} mora biti spisak razdvojen zarezima, od: {allowed}.',
	'filter.capability': '{name} mora biti spisak razdvojen zarezima, od: {allowed}.',
	'filter.confidence': '{name} mora biti jedno od: {allowed}.',
	'filter.removed': '{name} mora biti 1 (uključi uklonjene kamere) ili 0.',
	'filter.biometric': '{name} mora biti 1 (samo kamere sa biometrijom) ili 0.'
};

export default { en, 'sr-Latn': srLatn };
