/**
 * A moderator's decision on a submission: the one schema for the review page's form and for
 * the moderation service. Corrected camera attributes use the report's own schema
 * (`parseSubmission`), checked by the service against the submission's kind.
 */
import { z } from 'zod';
import { formObject, keyedWording, recordId, type FormEntries } from './form';
import { attributeFields, payloadFromForm } from './submission';

export const decisionActions = ['approve', 'reject', 'needs_info', 'merge'] as const;
export type DecisionAction = (typeof decisionActions)[number];

export const rejectReasons = [
	'not_a_camera',
	'duplicate',
	'wrong_place',
	'unclear_photo',
	'private_property',
	'abuse',
	'other'
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export const MAX_BLUR_REGIONS = 20;

const fraction = z.number().min(0).max(1);
export const blurRegion = z
	.strictObject({ x: fraction, y: fraction, w: fraction.gt(0), h: fraction.gt(0) })
	.refine((region) => region.x + region.w <= 1.0001 && region.y + region.h <= 1.0001);
export type BlurRegion = z.output<typeof blurRegion>;

/** A photo must be looked at before it is published: no face or plate, or these regions blurred. */
export const photoReview = z.discriminatedUnion('review', [
	z.strictObject({ position: z.int().min(0).max(9), review: z.literal('clear') }),
	z.strictObject({
		position: z.int().min(0).max(9),
		review: z.literal('blurred'),
		regions: z.array(blurRegion).min(1).max(MAX_BLUR_REGIONS)
	})
]);
export type PhotoReviewInput = z.output<typeof photoReview>;

const note = z.string().trim().max(2000);
const version = z.int().min(1);

export const decision = z.discriminatedUnion('action', [
	z.strictObject({
		action: z.literal('approve'),
		version,
		photos: z.array(photoReview).max(10).default([]),
		/** The camera's attributes as the moderator settled them; absent: the report's. */
		attributes: z.record(z.string(), z.unknown()).optional(),
		/** The camera's model in the catalogue (/models); null: none; absent: unchanged. Moderators only. */
		model_id: z.int().min(1).nullable().optional()
	}),
	z.strictObject({
		action: z.literal('merge'),
		version,
		/** The known camera this report is about (it counts as a confirmation of it). */
		camera_id: z.int().min(1),
		photos: z.array(photoReview).max(10).default([])
	}),
	z.strictObject({
		action: z.literal('reject'),
		version,
		reason: z.enum(rejectReasons),
		note: note.optional()
	}),
	z.strictObject({ action: z.literal('needs_info'), version, question: note.min(1) })
]);
export type Decision = z.output<typeof decision>;

/**
 * The review form (all strings) → a decision object for `decision.safeParse`. Photo reviews
 * come as `photo.<n>` = clear | blurred and `photo.<n>.regions` = JSON from the blur tool;
 * the camera attributes have the report form's names (`surveillance_type`, `lat`, ...).
 */
export function decisionFromForm(form: FormEntries): Record<string, unknown> {
	const entries = [...form];
	const values = formObject(entries);
	const text = (name: string) => values[name] as string | undefined;
	const action = text('action') ?? '';
	const number = (name: string) => {
		const raw = (text(name) ?? '').trim();
		return /^\d+$/.test(raw) ? Number(raw) : raw || undefined;
	};
	const photos: Record<string, unknown>[] = [];
	for (const [name, value] of Object.entries(values)) {
		const match = /^photo\.(\d)$/.exec(name);
		if (!match || typeof value !== 'string') continue;
		const position = Number(match[1]);
		if (value === 'blurred') {
			let regions: unknown;
			try {
				regions = JSON.parse(text(`${name}.regions`) ?? '[]');
			} catch {
				regions = 'invalid';
			}
			photos.push({ position, review: value, regions });
		} else if (value !== '') {
			photos.push({ position, review: value });
		}
	}
	switch (action) {
		case 'approve': {
			const attributes = payloadFromForm(
				entries.filter(
					([name]) =>
						(attributeFields as readonly string[]).includes(name) ||
						name === 'lat' ||
						name === 'lng' ||
						name === 'removed_on'
				)
			);
			const model = text('model_id')?.trim();
			const model_id =
				model === undefined ? undefined : model === '' ? null : /^\d{1,15}$/.test(model) ? Number(model) : model;
			return { action, version: number('version'), photos, attributes, model_id };
		}
		case 'merge':
			return { action, version: number('version'), camera_id: number('merge_camera_id'), photos };
		case 'reject':
			return { action, version: number('version'), reason: text('reason'), note: text('note') || undefined };
		case 'needs_info':
			return { action, version: number('version'), question: text('question') };
		default:
			return { action: action || undefined, version: number('version') };
	}
}

/** Moderators' smaller forms: their problems are message keys. */
export const moderationWording = keyedWording({});

/** Restoring one of a camera's versions. */
export const revertSchema = z.object({ revision: recordId('history.notFound') });

/** The longest reason kept for rejecting a lead (longer ones are cut). */
export const MAX_LEAD_REASON = 500;

const lead = recordId('leads.notFound');

/** A decision on a lead from OpenStreetMap: confirm, reject (with an optional reason) or merge with a camera. */
export const leadForms = {
	confirm: z.object({ lead }),
	reject: z.object({
		lead,
		reason: z
			.string()
			.optional()
			.transform((text) => (text ?? '').trim().slice(0, MAX_LEAD_REASON) || null)
	}),
	merge: z.object({ lead, camera: recordId('leads.unknownCamera') })
};
