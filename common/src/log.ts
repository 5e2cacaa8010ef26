// Structured logs (JSON lines via pino) for services, and a terse progress line for long jobs.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}

/** Prints "label: done/total (pct) rate/s" on stderr at most every `everyMs`, and a final line. */
export function progress(label: string, total: number | undefined, unit = 'items', everyMs = 1000) {
  const started = Date.now();
  let last = 0;
  let done = 0;
  const line = (final: boolean) => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? Math.round(done / secs) : 0;
    const pct = total ? ` (${((100 * done) / total).toFixed(0)}%)` : '';
    const of = total ? `/${total.toLocaleString('en')}` : '';
    process.stderr.write(`${label}: ${done.toLocaleString('en')}${of} ${unit}${pct}, ${rate.toLocaleString('en')}/s${final ? `, ${secs.toFixed(1)} s` : ''}\n`);
  };
  return {
    add(n: number) {
      done += n;
      const now = Date.now();
      if (now - last >= everyMs) {
        last = now;
        line(false);
      }
    },
    finish() {
      line(true);
    },
  };
}
