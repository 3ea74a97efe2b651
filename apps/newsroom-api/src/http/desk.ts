import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { type Problem, PROBLEM_CONTENT_TYPE } from './problem';

/**
 * The desk, built to static files (npm run build:desk), at /desk. Any /desk path that is not a
 * file is one of the single-page app's own routes: it gets index.html, and the app routes it.
 */
export function mountDesk(app: INestApplication, deskDir = resolve('dist', 'desk')): void {
  const index = join(deskDir, 'index.html');
  app.use('/desk', express.static(deskDir, { index: 'index.html', redirect: true, fallthrough: true }));
  app.use('/desk', (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (existsSync(index)) return response.sendFile(index);
    const problem: Problem = {
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'The desk is not built: run npm run build:desk (npm start does it for you).',
    };
    response.status(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  });
}
