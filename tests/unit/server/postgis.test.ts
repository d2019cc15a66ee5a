/**
 * The coordinate helpers write the SQL the repositories used to spell out by hand: a column or
 * any point expression, raw or rounded to float8.
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { lngLat, pointXY } from '../../../src/lib/server/db/postgis';

const db = new Kysely<unknown>({
	dialect: {
		createAdapter: () => new PostgresAdapter(),
		createDriver: () => new DummyDriver(),
		createIntrospector: (kysely) => new PostgresIntrospector(kysely),
		createQueryCompiler: () => new PostgresQueryCompiler()
	}
});

const text = (expression: ReturnType<typeof sql>) => sql`SELECT ${expression}`.compile(db);

describe('pointXY and lngLat', () => {
	it('read a column by name, qualified or not', () => {
		const { lng, lat } = lngLat('c.geom');
		expect(text(lng).sql).toBe('SELECT ST_X("c"."geom")');
		expect(text(lat).sql).toBe('SELECT ST_Y("c"."geom")');
		expect(text(pointXY('geom_3857').x).sql).toBe('SELECT ST_X("geom_3857")');
	});

	it('read any point expression, with its parameters', () => {
		const { y } = pointXY(sql`ST_Transform(ST_SetSRID(ST_MakePoint(${20.46}, ${44.8}), 4326), 3857)`);
		const compiled = text(y);
		expect(compiled.sql).toBe('SELECT ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857))');
		expect(compiled.parameters).toEqual([20.46, 44.8]);
	});

	it('round to the given places as float8, the places written into the SQL', () => {
		const { lng, lat } = lngLat(sql`ST_PointOnSurface(geom)`, 6);
		expect(text(lng).sql).toBe('SELECT round(ST_X(ST_PointOnSurface(geom))::numeric, 6)::float8');
		expect(text(lat).sql).toBe('SELECT round(ST_Y(ST_PointOnSurface(geom))::numeric, 6)::float8');
		expect(text(lat).parameters).toEqual([]);
	});

	it('give longitude as x and latitude as y', () => {
		const xy = pointXY('geom', 7);
		const ll = lngLat('geom', 7);
		expect(text(ll.lng).sql).toBe(text(xy.x).sql);
		expect(text(ll.lat).sql).toBe(text(xy.y).sql);
		expect(text(ll.lng).sql).not.toBe(text(ll.lat).sql);
	});
});
