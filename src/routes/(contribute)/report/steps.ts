/** What every step of the report page is given. */
import type { Problems } from '#lib/report/problems.js';
import type { ReportTranslate } from '#lib/report/text.js';

export interface StepProps {
	t: ReportTranslate;
	/** The form's field problems (from the browser's check or the server). */
	problems: Problems;
	/** The page's script runs: one step at a time (without it, every step shows, one plain form). */
	enhanced: boolean;
	/** On screen (every step shows without JavaScript). */
	shown: boolean;
}
