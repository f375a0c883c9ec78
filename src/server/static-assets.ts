// The dashboard's files: our own public/ folder and Plotly from its installed package, read
// once at start-up into a fixed table. A request can only name an entry of that table, so no
// path from a request ever reaches the file system. Plotly is never fetched from a CDN: the
// dashboard works offline.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface StaticAsset {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly cacheControl: string;
  /** Gzip of the body, made on first use (Plotly is 4.8 MB, 1.4 MB gzipped). */
  gzipped(): Uint8Array;
}

export type StaticAssets = ReadonlyMap<string, StaticAsset>;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** URL path -> asset, for every file of `publicDir` and `/vendor/plotly.min.js`. */
export function loadStaticAssets(publicDir: string, plotlyFile: string = resolvePlotly()): StaticAssets {
  const assets = new Map<string, StaticAsset>();
  for (const name of readdirSync(publicDir)) {
    const contentType = contentTypes[extname(name)];
    if (contentType === undefined) continue;
    // Our own files change with the code: browsers revalidate them on every load.
    assets.set(`/${name}`, asset(readFileSync(join(publicDir, name)), contentType, 'no-cache'));
  }
  const index = assets.get('/index.html');
  if (index !== undefined) assets.set('/', index);
  assets.set('/vendor/plotly.min.js', asset(readFileSync(plotlyFile), contentTypes['.js'] as string, 'public, max-age=86400'));
  return assets;
}

/** The installed plotly.js-dist-min bundle, found the way Node would import it. */
export function resolvePlotly(): string {
  return createRequire(import.meta.url).resolve('plotly.js-dist-min');
}

function asset(body: Uint8Array, contentType: string, cacheControl: string): StaticAsset {
  let gzipped: Uint8Array | undefined;
  return {
    body,
    contentType,
    cacheControl,
    gzipped: () => {
      gzipped ??= gzipSync(body);
      return gzipped;
    },
  };
}
