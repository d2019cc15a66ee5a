/**
 * Photos for checking that blurring worked: a checkerboard full of fine detail, and a measure of
 * the detail left in a region (shared by the moderation integration and e2e tests).
 */
import sharp from 'sharp';

/** An 800×600 JPEG checkerboard of 4-pixel squares. */
export async function checkerboardJpeg(): Promise<Buffer> {
	const width = 800;
	const height = 600;
	const pixels = Buffer.alloc(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			pixels.fill((Math.floor(x / 4) + Math.floor(y / 4)) % 2 ? 230 : 20, (y * width + x) * 3, (y * width + x) * 3 + 3);
		}
	}
	return sharp(pixels, { raw: { width, height, channels: 3 } })
		.jpeg({ quality: 92 })
		.toBuffer();
}

/** Grey-level spread in a region given as fractions of the image: high for the checkerboard, low once blurred. */
export async function detailIn(
	bytes: Uint8Array,
	region: { x: number; y: number; w: number; h: number }
): Promise<number> {
	const { width = 0, height = 0 } = await sharp(bytes).metadata();
	const crop = await sharp(bytes)
		.extract({
			left: Math.round(region.x * width),
			top: Math.round(region.y * height),
			width: Math.round(region.w * width),
			height: Math.round(region.h * height)
		})
		.greyscale()
		.png()
		.toBuffer();
	// stats() describes its input, not the pipeline's output: crop first, then measure.
	return (await sharp(crop).stats()).channels[0].stdev;
}
