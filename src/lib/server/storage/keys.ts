/** Storage keys: a file is named by the SHA-256 of its bytes and its format's extension. */
export const contentTypes: Record<string, string> = { webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' };

/** A valid storage key: the SHA-256 of the bytes in hex, and the format's extension. */
export const PHOTO_KEY = /^[a-f0-9]{64}\.(webp|jpg|png)$/;

/** The content-hash key of a file. */
export function photoKey(file: { sha256: string; contentType: string }): string {
	const extension = Object.entries(contentTypes).find(([, type]) => type === file.contentType)?.[0] ?? 'bin';
	return `${file.sha256}.${extension}`;
}
