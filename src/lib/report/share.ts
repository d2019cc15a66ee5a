/**
 * Copying and sharing a report's status link (the status page and "My reports"), for the
 * browsers that can. The link is the page's full address; nothing else is shared.
 */

const address = (path: string) => new URL(path, location.origin).href;

/** Whether this browser offers its share sheet. */
export const canShare = () => typeof navigator.share === 'function';

/** Copies the link; whether it was copied. */
export async function copyLink(path: string): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(address(path));
		return true;
	} catch {
		return false;
	}
}

/** Opens the share sheet with the link. */
export async function shareLink(path: string): Promise<void> {
	try {
		await navigator.share({ url: address(path) });
	} catch {
		// Cancelled by the person, or refused: nothing to do.
	}
}
