import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../http/errors';

/**
 * `JIUZHU_UPDATES_DIR`: the folder the operator fills with electron-builder's output for the
 * laptops (latest.yml, latest-linux.yml, the installers, their .blockmap and our .sig files).
 * Unset: no updates are offered.
 */
export function readUpdatesDir(env: NodeJS.ProcessEnv): string | null {
  const given = env['JIUZHU_UPDATES_DIR']?.trim();
  return given ? path.resolve(given) : null;
}

/** One flat folder: a plain file name, no folder, no dot file (so no `..`, no hidden key lying there). */
const FEED_FILE = /^[A-Za-z0-9][A-Za-z0-9._ +-]*$/;

/**
 * `GET|HEAD /updates/NAME`: electron-updater's generic feed (electron/main/appUpdates.ts points the
 * laptops here). No sign-in — a feed and signed installers hold nothing personal, and an app too
 * old to sync must still reach them — and no app-version check. Range requests are answered (a
 * cut download resumes; differential downloads read blocks), the feed files are never cached
 * (a new release must be seen at once), and nothing is compressed (the sizes and hashes in the
 * feed are of the bytes as stored). A missing folder or file is a 404 in words.
 */
export async function registerUpdateRoutes(app: FastifyInstance, updatesDir: string | null): Promise<void> {
  const usable = updatesDir !== null && existsSync(updatesDir) && statSync(updatesDir).isDirectory();
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const name = decodeURIComponent(request.url.slice('/updates/'.length).split('?')[0] ?? '');
      if (!usable) return reply.status(404).send(errorBody('updates_not_configured', '本服务器未提供客户端更新（未设置更新文件夹）'));
      if (!FEED_FILE.test(name)) return reply.status(404).send(errorBody('not_found', '找不到该更新文件'));
      // @fastify/compress's own switch: the feed's sha512 and sizes are of the bytes as stored.
      request.headers['x-no-compression'] = '1';
    });
    if (usable) {
      await scope.register(fastifyStatic, {
        root: updatesDir,
        prefix: '/updates/',
        decorateReply: false,
        index: false,
        dotfiles: 'deny',
        acceptRanges: true,
        setHeaders: (reply: { header?: (name: string, value: string) => unknown; setHeader?: (name: string, value: string) => unknown }, file: string) => {
          const value = /\.ya?ml$/.test(file) ? 'no-cache' : 'public, max-age=3600';
          if (reply.setHeader) reply.setHeader('cache-control', value);
          else reply.header?.('cache-control', value);
        },
      });
    } else {
      scope.get('/updates/*', async (_request, reply) => reply.status(404).send(errorBody('updates_not_configured', '本服务器未提供客户端更新（未设置更新文件夹）')));
    }
  });
}
