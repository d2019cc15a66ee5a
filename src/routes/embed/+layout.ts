// Embeds are server-rendered pages with their own small scripts (src/lib/embed/browser/): the
// app's bundled scripts cannot run in a sandboxed iframe (module scripts from an opaque
// origin need CORS headers that static files do not carry).
export const csr = false;
