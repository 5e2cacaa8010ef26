// Tests that need an external component skip without it on a developer's machine, but fail under
// CI=true: there no suite may skip.
import type { TestContext } from 'node:test';

export function requireOrSkip(available: boolean, what: string, t: TestContext): boolean {
  if (available) return true;
  if (process.env['CI'] === 'true') throw new Error(`${what} is required under CI=true but is not available (see .ci/run)`);
  t.skip(`${what} is not available`);
  return false;
}
