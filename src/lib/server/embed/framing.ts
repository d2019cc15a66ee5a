/**
 * Who may frame a page. vite.config.ts (SvelteKit's CSP) sends `frame-ancestors 'none'` with every page (no
 * site can put our pages in a frame: no clickjacking of the report or moderation forms). The
 * embeds exist to be framed, so for /embed and /embed/... only, any site may frame them, and
 * their CSP lets MapLibre start its worker from a data: URL, which it does in a sandboxed
 * frame (an opaque origin may not start a worker from any site's address). No
 * X-Frame-Options header is sent anywhere: it cannot say "anyone" and would contradict this.
 *
 * Embeds also set no cookie: they live inside other sites' pages, and an embed's `?lang=` would
 * otherwise change the reader's language on this site (the locale handle remembers `?lang=`).
 * So this handle runs first in the sequence.
 *
 * Nor do embeds run the theme toggle's inline script (src/app.html): their colours come from
 * `?theme=`, and the pages have no client-side app, so SvelteKit sends no nonce for the script
 * and the browser would block it with a CSP error in the host site's console.
 */
import type { Handle } from '@sveltejs/kit/hooks';
const THEME_SCRIPT = /<script[^>]*\bdata-theme-toggle\b[^>]*>[\s\S]*?<\/script>\s*/;

export function isEmbedPath(pathname: string): boolean {
	return pathname === '/embed' || pathname.startsWith('/embed/');
}

export function embedPolicy(csp: string): string {
	return csp
		.replace(/frame-ancestors [^;]*/, 'frame-ancestors *')
		.replace(/worker-src ([^;]*)/, (directive) => (directive.includes('data:') ? directive : `${directive} data:`));
}

export const embedFraming: Handle = async ({ event, resolve }) => {
	if (!isEmbedPath(event.url.pathname)) return resolve(event);
	event.cookies.set = () => undefined;
	const response = await resolve(event, { transformPageChunk: ({ html }) => html.replace(THEME_SCRIPT, '') });
	const csp = response.headers.get('content-security-policy');
	if (csp) response.headers.set('content-security-policy', embedPolicy(csp));
	response.headers.delete('x-frame-options');
	return response;
};
