// Runs models as dbt does with `threads: N`: a model starts once every model it refs (among those
// being built) has finished, up to N at once. Of the models ready, the one with the longest chain
// of models after it goes first, so the chain that decides when the build ends is never left
// waiting behind a model nothing depends on. After a failure no model starts; those running finish,
// then the first failure is thrown (dbt skips what depends on a failed model and builds the rest;
// here a build stops whole, and the next one starts again from the build log).
import type { Model } from './project.js';

/** How many models follow each one, on its longest chain of dependants within `models` (`names`: theirs). */
function chainsAfter(models: readonly Model[], names: ReadonlySet<string>): Map<string, number> {
  const dependants = new Map<string, string[]>(models.map((m) => [m.name, []]));
  for (const model of models) for (const ref of model.refs) if (names.has(ref)) dependants.get(ref)!.push(model.name);
  const length = new Map<string, number>();
  const measure = (name: string): number => {
    const known = length.get(name);
    if (known !== undefined) return known;
    const value = Math.max(0, ...dependants.get(name)!.map((next) => 1 + measure(next)));
    length.set(name, value);
    return value;
  };
  for (const model of models) measure(model.name);
  return length;
}

/** `models` in build order (buildOrder); `run` builds one. */
export async function runInDependencyOrder(models: readonly Model[], threads: number, run: (model: Model) => Promise<void>): Promise<void> {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a whole number of at least 1, not ${threads}`);
  const names = new Set(models.map((m) => m.name));
  const chain = chainsAfter(models, names);
  const waiting = [...models];
  const finished = new Set<string>();
  const running = new Set<Promise<void>>();
  let failure: unknown;
  let failed = false;
  for (;;) {
    while (!failed && running.size < threads) {
      const ready = waiting.filter((m) => m.refs.every((ref) => !names.has(ref) || finished.has(ref)));
      if (ready.length === 0) break;
      // Stable: among equal chains, build order.
      const next = ready.reduce((best, m) => (chain.get(m.name)! > chain.get(best.name)! ? m : best));
      waiting.splice(waiting.indexOf(next), 1);
      const job: Promise<void> = run(next).then(
        () => { finished.add(next.name); },
        (error: unknown) => { if (!failed) { failed = true; failure = error; } },
      ).finally(() => running.delete(job));
      running.add(job);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  if (failed) throw failure;
}
