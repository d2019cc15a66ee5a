/**
 * MapLibre with its worker wired up. MapLibre 6 loads its web worker from a URL that bundlers
 * cannot see; `?worker&url` makes Vite bundle the worker together with the chunk it shares
 * with the main library, in dev and in production builds (a plain `?url` misses that chunk).
 * Import this module (dynamically, in the browser) instead of `maplibre-gl` itself.
 */
import * as maplibre from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';

maplibre.setWorkerUrl(workerUrl);

export default maplibre;
