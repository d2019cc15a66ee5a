/** The part of @mapbox/mvt-fixtures (which ships no types) that the tests use. */
declare module '@mapbox/mvt-fixtures' {
	export interface Fixture {
		id: string;
		description: string;
		specification_reference: string;
		buffer: Buffer;
		json: unknown;
		validity: { v1: boolean; v2: boolean; error?: string };
	}
	export function get(id: string | number): Fixture;
	export function each(fn: (fixture: Fixture) => void): void;
}
