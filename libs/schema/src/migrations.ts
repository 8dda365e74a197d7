import { Foundation1795332824032 } from './migrations/1795332824032-Foundation';

/**
 * Every migration, oldest first. A generated migration is added here by hand (after reading
 * it), which also makes a forgotten one show up in review.
 */
export function loadMigrations(): Function[] {
  return [Foundation1795332824032];
}
