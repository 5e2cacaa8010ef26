// Mounts the built Next.js portal inside a Node HTTP server (the API's Fastify in `npm start`, the
// same in the browser tests): builds it when its sources changed, then hands out a request handler.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const dashboardDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDirs = ['app', 'client', 'lib', 'ui'];
const sourceFiles = ['middleware.ts', 'next.config.mjs'];

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }, 0);
}

const newestOfSources = () => Math.max(
  ...sourceDirs.map((dir) => newestSource(path.join(dashboardDir, dir))),
  ...sourceFiles.map((file) => statSync(path.join(dashboardDir, file)).mtimeMs),
);

/**
 * Where the build goes: `.next`, or PORTAL_DIST_DIR (relative to dashboard/) when several people
 * change and test the portal in one checkout at once, so that one's rebuild never swaps the files
 * under another's running server. next.config.mjs reads the same variable.
 */
const distDir = process.env['PORTAL_DIST_DIR'] ?? '.next';

function upToDate(): boolean {
  const buildId = path.join(dashboardDir, distDir, 'BUILD_ID');
  return existsSync(buildId) && statSync(buildId).mtimeMs > newestOfSources();
}

// Test files run two at a time and each may find the build stale: one builds, the other waits
// (two `next build` in one directory break each other). A lock older than the longest build is stale.
const lockDir = path.join(dashboardDir, `${distDir}-build-lock`);
const staleLockMs = 20 * 60_000;

async function takeLock(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lockDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = statSync(lockDir, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > staleLockMs) rmSync(lockDir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** Builds the portal unless a build newer than every source file is there already. */
export async function ensurePortalBuilt(log: (line: string) => void = (line) => console.error(line)): Promise<void> {
  if (upToDate()) return;
  await takeLock();
  try {
    if (upToDate()) return; // built by whoever held the lock
    log('portal: building the Next.js dashboard (its sources changed since the last build)…');
    const next = path.resolve(dashboardDir, '..', 'node_modules', 'next', 'dist', 'bin', 'next');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [next, 'build'], {
        cwd: dashboardDir,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed with exit code ${code}`))));
    });
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

interface NextServer { prepare(): Promise<void>; getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void> }
type NextFactory = (options: { dev: boolean; dir: string; hostname: string; port: number }) => NextServer;

/** next is a CommonJS module; depending on the loader its factory is the default export or its `.default`. */
async function nextFactory(): Promise<NextFactory> {
  const loaded = (await import('next')) as unknown as { default: NextFactory | { default: NextFactory } };
  return typeof loaded.default === 'function' ? loaded.default : loaded.default.default;
}

/** The portal's request handler; its server components read the API at `apiBaseUrl`. */
export async function startPortal(host: string, port: number, apiBaseUrl: string): Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>> {
  process.env['API_BASE_URL'] = apiBaseUrl;
  const portal = (await nextFactory())({ dev: false, dir: dashboardDir, hostname: host, port });
  await portal.prepare();
  const handle = portal.getRequestHandler();
  return (req, res) => handle(req, res);
}
