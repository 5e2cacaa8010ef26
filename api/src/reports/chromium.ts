// Debian's Chromium, driven by Playwright without ever downloading a browser: it prints the PDF
// reports, and the portal's browser tests and benchmark use the same launch.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const chromiumAvailable = () => existsSync(chromiumPath);

/** chromium-low-priority.sh: the same Chromium under `nice`, for work done behind a request. */
const lowPriorityLauncher = fileURLToPath(new URL('./chromium-low-priority.sh', import.meta.url));

/** `background`: at a lower CPU priority than this process (the PDF reports, made while serving). */
export function launchChromium(options: { background?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: options.background ? lowPriorityLauncher : chromiumPath,
    env: { ...process.env, CHROMIUM_PATH: chromiumPath },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
