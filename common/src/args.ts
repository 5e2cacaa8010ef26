// Command-line flags of the bin scripts (`--seed 7 --scale 0.1`), validated by the caller's schema.
export type ArgSpec = Record<string, 'string' | 'boolean'>;

export function parseArgs(argv: string[], spec: ArgSpec): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"; flags look like --name value`);
    const [rawName, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const kind = spec[rawName];
    if (!kind) throw new Error(`Unknown option --${rawName}; known: ${Object.keys(spec).map((k) => `--${k}`).join(', ')}`);
    if (kind === 'boolean') {
      out[rawName] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`Option --${rawName} needs a value`);
    out[rawName] = value;
  }
  return out;
}
