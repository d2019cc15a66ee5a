/** Reading the report form's field errors: one message per field, or all under a list field. */
import type { FieldErrors } from '#lib/schemas/submission.js';

export interface Problems {
	errorFor(name: string): string | undefined;
	/** All messages for a field and its items (`photos.0`, `camera_direction.2`, ...). */
	errorsUnder(name: string): string[];
	/** The id of the field's message, for `aria-describedby`, when there is one. */
	describedBy(name: string): string | undefined;
}

export function problems(errors: FieldErrors): Problems {
	const errorsUnder = (name: string) =>
		Object.entries(errors)
			.filter(([key]) => key === name || key.startsWith(`${name}.`))
			.map(([, message]) => message);
	return {
		errorFor: (name) => errors[name],
		errorsUnder,
		describedBy: (name) => (errorsUnder(name).length ? `${name}-error` : undefined)
	};
}

/** The step (1 place, 2 photos, 3 the camera) that shows a field, to go back to its problem. */
export function stepOf(field: string): 1 | 2 | 3 {
	if (field === 'lat' || field === 'lng') return 1;
	if (field === 'photos' || field.startsWith('photos.')) return 2;
	return 3;
}
