/**
 * The fields of the open-data exports (GeoJSON properties, CSV columns, OSM tags): the camera
 * fields the registry (#lib/cameras/fields) marks for export, in its order. The exports write
 * them in this order, the data dictionary page describes them from here and the OpenAPI
 * document's schemas are built from the same entries, so the three cannot drift apart.
 */
import { cameraFields, type CameraField, type FieldsWith } from '../cameras/fields';

export { sources, type Source } from '../camera-tags';
export type { FieldType } from '../cameras/fields';

export type ExportField = CameraField;
export type ExportFieldName = FieldsWith<{ export: 'all' | 'csv' }>['name'];

export const exportFields: readonly ExportField[] = (cameraFields as readonly CameraField[]).filter(
	(field) => field.export !== undefined
);

/** The CSV columns, in order. */
export const csvColumns = exportFields.map((field) => field.name) as ExportFieldName[];

/** The GeoJSON properties, in order (the position is the geometry). */
export const geojsonProperties = exportFields
	.filter((field) => field.export === 'all')
	.map((field) => field.name) as ExportFieldName[];

/** How list values are joined in a CSV cell and an OSM tag (OpenStreetMap's convention). */
export const LIST_SEPARATOR = ';';
