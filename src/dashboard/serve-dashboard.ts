import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Paths the API and Swagger UI own; the dashboard's client-side routes never shadow them. */
const SERVER_OWNED = /^\/(api|docs|docs-json)(\/|$)/;

/**
 * Where `npm run build` puts the dashboard (`dist/web`), found from the
 * repository root so the compiled server (dist/src) and the tests (src) agree.
 */
export function dashboardRoot(from = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory) directory = dirname(directory);
  return join(directory, 'dist', 'web');
}

/**
 * Serves the built dashboard at `/` from the same origin as the API, so it
 * needs no CORS. Hashed assets are cached for good; index.html never is, and
 * it answers every other GET that asks for HTML (the dashboard's own routes).
 * Without a build (an API-only checkout) nothing is served and `/` stays 404.
 */
export function serveDashboard(app: NestExpressApplication, root = dashboardRoot()): void {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(join(root, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '1y', fallthrough: false });
  // Only outside the API's paths: a static lookup is a file-system stat, which every API request would otherwise pay.
  const files = express.static(root, { index: false });
  app.use((request: Request, response: Response, next: NextFunction) => (SERVER_OWNED.test(request.path) ? next() : files(request, response, next)));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_OWNED.test(request.path) || !request.accepts('html')) {
      next();
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
