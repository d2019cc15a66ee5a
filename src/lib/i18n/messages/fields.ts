/**
 * The data dictionary's meaning of each camera field (`field.<name>`), taken from the field
 * registry (#lib/cameras/fields) so a new field brings its own words. Fill in `{ ...dataTerms }`,
 * `{path}` and `{osm}` like the other open-data messages.
 */
import { cameraFields, type CameraFieldName } from '../../cameras/fields';

type FieldKey = `field.${CameraFieldName}`;

function words(locale: 'en' | 'sr-Latn'): Record<FieldKey, string> {
	return Object.fromEntries(cameraFields.map((field) => [`field.${field.name}`, field.description[locale]])) as Record<
		FieldKey,
		string
	>;
}

export default { en: words('en'), 'sr-Latn': words('sr-Latn') };
