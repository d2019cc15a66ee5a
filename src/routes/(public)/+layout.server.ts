import { appOrigin } from '#lib/server/auth/request.js';
import type { LayoutServerLoad } from './$types';

/** The public address of the site, for the oEmbed discovery link (+layout.svelte). */
export const load: LayoutServerLoad = ({ url }) => ({ origin: appOrigin({ url }) });
