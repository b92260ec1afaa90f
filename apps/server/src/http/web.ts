/**
 * Serves the web app's production build (apps/web/dist) beside the API: hashed assets with a
 * long cache, index.html for every other GET that is not under /api (the app routes in the
 * browser), so a deep link such as /ho-so/000.00.01.H53-261201-0001 opens the right page.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function webBuildPresent(webDir: string | null): webDir is string {
  return webDir !== null && existsSync(join(webDir, 'index.html'));
}

/** True when the request should get the web app's index.html rather than a 404 problem. */
export function wantsWebPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (path === '/api' || path.startsWith('/api/')) return false;
  // A missing asset (/assets/x.js) is a 404, not the HTML page.
  if (/\.[a-z0-9]{1,5}$/i.test(path)) return false;
  return true;
}

export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    wildcard: true,
    index: 'index.html',
    // Vite's build writes .br and .gz copies (apps/web/compress.ts).
    preCompressed: true,
    // Vite puts a content hash in every file name under /assets.
    setHeaders: (reply, path) => {
      void reply.header(
        'cache-control',
        path.includes(`${join('/', 'assets', '/')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}

export function sendWebPage(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
}
