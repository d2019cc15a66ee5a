/**
 * The named places in the report flow where the reliability suite (tests/reliability) can make
 * things fail on purpose. Kept apart from `inject.ts` so the configuration can check the names
 * without importing the database layer.
 *
 * - `submission.before-insert`: inside the report's transaction, before the submission row.
 * - `submission.before-commit`: inside the transaction, after the photo rows, before COMMIT.
 * - `submission.after-commit`: after COMMIT, before the answer is sent.
 * - `storage.temporary-written`: a photo file written under its temporary name, not yet renamed.
 */
export const faultPoints = [
	'submission.before-insert',
	'submission.before-commit',
	'submission.after-commit',
	'storage.temporary-written'
] as const;

export type FaultPoint = (typeof faultPoints)[number];

/**
 * What happens at the point: `terminate` ends the point's database connection from the server
 * side (`pg_terminate_backend`, as a database restart or a network cut would), `crash` kills the
 * app process with SIGKILL (as the kernel's out-of-memory killer or a power cut would).
 */
export const faultActions = ['terminate', 'crash'] as const;
export type FaultAction = (typeof faultActions)[number];
