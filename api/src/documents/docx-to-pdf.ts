// DOCX → PDF with LibreOffice Writer (Debian's, headless), so that the PDF of a letter is the DOCX
// the clerk would edit, as an office suite lays it out. One conversion at a time, in a profile of
// this process's own (LibreOffice locks its profile; a conversion takes a few seconds of one core).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PdfUnavailableError } from '../reports/render.js';

const run = promisify(execFile);
const soffice = process.env['SOFFICE_PATH'] ?? '/usr/bin/soffice';
const profile = path.join(os.tmpdir(), `vanban-soffice-${process.pid}`);
let queue: Promise<unknown> = Promise.resolve();

export const officeAvailable = () => existsSync(soffice);

export function docxToPdf(docx: Buffer): Promise<Buffer> {
  if (!officeAvailable()) {
    return Promise.reject(new PdfUnavailableError(`PDF letters need LibreOffice Writer at ${soffice} (bash infra/browser/install.sh, or set SOFFICE_PATH); the DOCX works without it`));
  }
  const converted = queue.then(() => convert(docx));
  queue = converted.catch(() => undefined);
  return converted;
}

async function convert(docx: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanban-letter-'));
  try {
    const input = path.join(dir, 'letter.docx');
    await writeFile(input, docx);
    await run(soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input], { timeout: 120_000 });
    return await readFile(path.join(dir, 'letter.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
