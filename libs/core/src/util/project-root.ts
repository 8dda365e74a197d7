import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The folder holding this project's package.json, found from the working directory (npm runs
 * scripts there; the Docker image sets it). Templates and static assets are read from the
 * source tree, so the same path works from TypeScript (tests) and from dist (the built apps).
 */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = process.cwd();
  while (!existsSync(join(dir, 'nest-cli.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('Cannot find the project root (nest-cli.json): run from the project folder');
    dir = parent;
  }
  cached = dir;
  return dir;
}
