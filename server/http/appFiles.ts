import type { FastifyStaticOptions } from '@fastify/static';

/**
 * How the server (and a township relay) serves the web app's built files: `index.html` at `/`, and
 * a file's gzip copy written at build time (`precompressedCopies` in renderer/vite.config.ts) to a
 * browser that accepts gzip, so the app's 4.5 MB are not compressed again for every browser that
 * loads them. A build without copies (a developer's, or Electron's) is compressed on the fly as
 * every other answer (@fastify/compress leaves an answer alone once it has a Content-Encoding).
 */
export function appFileOptions(root: string): FastifyStaticOptions {
  return { root, prefix: '/', index: ['index.html'], preCompressed: true };
}
