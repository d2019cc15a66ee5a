/**
 * The report page's photo handling in the browser: read the GPS position from the original
 * file (before anything re-encodes it and loses the tags), then shrink large photos so a weak
 * connection can carry them. The server strips every tag from what it stores either way.
 */
export interface PhotoGps {
	lat: number;
	lng: number;
}

/** Longest side after shrinking, and the size above which a photo is shrunk. */
const MAX_SIDE = 2560;
const SHRINK_ABOVE_BYTES = 2 * 1024 * 1024;
const PASS_THROUGH = ['image/jpeg', 'image/png', 'image/webp'];

export async function readGps(file: Blob): Promise<PhotoGps | undefined> {
	try {
		const { gps } = await import('exifr');
		const found = await gps(file);
		if (found && Number.isFinite(found.latitude) && Number.isFinite(found.longitude)) {
			return { lat: found.latitude, lng: found.longitude };
		}
	} catch {
		// No EXIF, or not a format exifr reads: no position to offer.
	}
	return undefined;
}

/**
 * A smaller JPEG for big photos (and a JPEG for formats the server does not take, such as
 * HEIC on phones whose browser can decode it); small JPEG/PNG/WebP files go as they are.
 * Orientation is applied by the browser while decoding.
 */
export async function shrink(file: File): Promise<Blob> {
	const passable = PASS_THROUGH.includes(file.type);
	if (passable && file.size <= SHRINK_ABOVE_BYTES) return file;
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		return file; // The server gives the reason in the reporter's language.
	}
	const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
	if (passable && scale === 1 && file.size <= SHRINK_ABOVE_BYTES * 2) {
		bitmap.close();
		return file;
	}
	const width = Math.round(bitmap.width * scale);
	const height = Math.round(bitmap.height * scale);
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	canvas.getContext('2d')?.drawImage(bitmap, 0, 0, width, height);
	bitmap.close();
	const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
	return blob ?? file;
}
