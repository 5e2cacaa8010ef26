// Reads the dbt project's model files and renders the part of Jinja they use, so the same files run
// in-process: {{ config(...) }} with literal arguments, {{ ref('m') }}, {{ source('s', 't') }},
// {{ var('name', default) }}, {{ this }}, {% if is_incremental() %} … {% else %} … {% endif %},
// {# comments #} (dropped, as dbt does) and calls of the project's macros with text arguments whose
// body only puts those arguments in place ({{ name('a', 'b') }}; it may hold is_incremental() blocks,
// which answer for the model, as in dbt). Anything else, including a
// configuration the runner does not implement, is refused with a clear error rather than
// half-rendered or silently built some other way.
// An incremental model is rendered twice, as dbt renders it on its first run and on the next ones.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const dbtDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dbt');
export const modelsDatabase = 'analytics';

/** dbt's `threads` in dbt/profiles.yml (its target's): how many models a build runs at once, here as under dbt. */
export const dbtThreads = (() => {
  const profiles = parse(readFileSync(path.join(dbtDir, 'profiles.yml'), 'utf8')) as Record<string, { target: string; outputs: Record<string, { threads?: unknown }> }>;
  const [profile] = Object.values(profiles);
  const threads = profile?.outputs[profile.target]?.threads;
  if (!Number.isInteger(threads)) throw new Error('dbt/profiles.yml names no `threads` for its target');
  return threads as number;
})();

export interface ModelConfig {
  materialized: 'table' | 'view' | 'incremental';
  /** dbt-clickhouse's insert-only strategy, the one the runner implements (build.ts). */
  incremental_strategy?: 'append';
  engine?: string;
  order_by?: string;
  partition_by?: string;
  /** One statement run after the model's table is written, as dbt's post-hook (it may name {{ this }}). */
  post_hook?: string;
  /**
   * The table's settings, `settings={'index_granularity': 256}`, rendered as dbt-clickhouse renders
   * them into CREATE TABLE: `name=value`, a text value quoted.
   */
  settings?: string;
}

export interface Model {
  name: string;
  file: string;
  config: ModelConfig;
  refs: string[];
  /** Source tables it reads, as `source_name.table`. */
  sources: string[];
  /** The model's SELECT with every Jinja expression replaced, is_incremental() false: a full build. */
  sql: string;
  /** An incremental model's SELECT with is_incremental() true: what a run appends to the table. */
  incrementalSql?: string;
}

/**
 * Change sets (`int_changed_*`): what the next incremental run of a fact re-derives, rebuilt by every
 * build that runs them. Bookkeeping rather than figures: a full build has no counterpart to compare.
 */
export function isChangeSet(model: Pick<Model, 'name'>): boolean {
  return model.name.startsWith('int_changed_');
}

/** Seeds are tables the runner loads itself; models may ref them. */
export const seeds = new Set(['vn_calendar']);

const folderDefaults: Record<string, ModelConfig['materialized']> = { staging: 'view', intermediate: 'table', marts: 'table' };

function listSql(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSql(full);
    return entry.name.endsWith('.sql') ? [full] : [];
  });
}

/** What config() may say to this runner, and the values it implements (any text where undefined). */
const implementedConfig: Record<Exclude<keyof ModelConfig, 'settings'>, readonly string[] | undefined> = {
  materialized: ['table', 'view', 'incremental'],
  incremental_strategy: ['append'],
  engine: undefined,
  order_by: undefined,
  partition_by: undefined,
  post_hook: undefined,
};

/** `settings={'name': 123, 'other': 'text'}` (whole numbers or text, as dbt-clickhouse renders them). */
const settingsArgument = /settings\s*=\s*\{([^}]*)\}/;

/** config()'s arguments: key='text' pairs and one settings={…}, each one the runner implements. */
function parseConfig(file: string, argumentsText: string): Partial<ModelConfig> {
  const refuse = (why: string) => new Error(`${file}: config(${argumentsText.trim()}): ${why}. The in-process runner implements ${
    Object.entries(implementedConfig).map(([key, values]) => `${key}=${values ? values.map((v) => `'${v}'`).join('|') : "'…'"}`).join(', ')
  }, settings={'name': number or 'text', …}; anything else would be built differently from dbt-clickhouse.`);
  let text = argumentsText;
  const settings = settingsArgument.exec(text);
  const rendered: string[] = [];
  if (settings) {
    const entries = settings[1]!.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    for (const entry of entries) {
      const setting = /^'(\w+)'\s*:\s*(\d+|'[^']*')$/.exec(entry);
      if (!setting) throw refuse(`settings entry ${entry} must be 'name': number or 'name': 'text'`);
      rendered.push(`${setting[1]}=${setting[2]}`);
    }
    // The argument and one comma beside it: the key='text' pairs around it are left as written.
    text = text.replace(new RegExp(`(,\\s*)?${settingsArgument.source}(\\s*,)?`), (_whole, before?: string, _entries?: string, after?: string) => (before && after ? ',' : ''));
  }
  if (!/^\s*(\w+\s*=\s*'[^']*'\s*(,\s*\w+\s*=\s*'[^']*'\s*)*)?,?\s*$/.test(text)) throw refuse("arguments must be key='text'");
  const config: Partial<Record<keyof ModelConfig, string>> = rendered.length > 0 ? { settings: rendered.join(', ') } : {};
  const pattern = /(\w+)\s*=\s*'([^']*)'/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const [, key, value] = match as unknown as [string, string, string];
    if (!(key in implementedConfig)) throw refuse(`${key} is not implemented`);
    const allowed = implementedConfig[key as keyof typeof implementedConfig];
    if (allowed && !allowed.includes(value)) throw refuse(`${key}='${value}' is not implemented`);
    config[key as keyof ModelConfig] = value;
  }
  return config as Partial<ModelConfig>;
}

/** The model's text with each `{% if is_incremental() %} a {% else %} b {% endif %}` resolved. */
/** The tags of an {% if is_incremental() %} … {% else %} … {% endif %} block. */
const incrementalTag = /\{%-?\s*(?:if\s+is_incremental\(\)|else|endif)\s*-?%\}/g;

function resolveIncremental(file: string, text: string, incremental: boolean): string {
  const block = /\{%-?\s*if\s+is_incremental\(\)\s*-?%\}([\s\S]*?)(?:\{%-?\s*else\s*-?%\}([\s\S]*?))?\{%-?\s*endif\s*-?%\}/g;
  const resolved = text.replace(block, (_whole, then: string, otherwise: string | undefined) => (incremental ? then : otherwise ?? ''));
  if (/\{%/.test(resolved)) throw new Error(`${file}: Jinja statements ({% … %}) other than {% if is_incremental() %} … {% endif %} are not supported by the in-process runner`);
  return resolved;
}

/** `database`: where refs and `this` point; the shadow build of the safety net (verify.ts) renders into its own. */
export function renderModel(name: string, file: string, text: string, vars: Record<string, string> = {}, database: string = modelsDatabase, macros: Map<string, Macro> = loadMacros()): Model {
  const folder = path.basename(path.dirname(file));
  let config: ModelConfig = { materialized: folderDefaults[folder] ?? 'table' };
  const refs = new Set<string>();
  const sources = new Set<string>();
  // {{ this }} first: a hook in config() names it inside a string, as dbt allows.
  const withThis = expandMacros(file, text.replace(/\{#[\s\S]*?#\}/g, ''), macros).replace(/\{\{\s*this\s*\}\}/g, `${database}.${name}`);
  const render = (incremental: boolean) => resolveIncremental(file, withThis, incremental).replace(/\{\{([\s\S]*?)\}\}/g, (_whole, inner: string) => {
    const expression = inner.trim();
    let match = /^config\(([\s\S]*)\)$/.exec(expression);
    if (match) {
      config = { ...config, ...parseConfig(file, match[1]!) };
      return '';
    }
    match = /^ref\(\s*'([\w]+)'\s*\)$/.exec(expression);
    if (match) {
      refs.add(match[1]!);
      return `${database}.${match[1]}`;
    }
    match = /^source\(\s*'([\w]+)'\s*,\s*'([\w]+)'\s*\)$/.exec(expression);
    if (match) {
      sources.add(`${match[1]}.${match[2]}`);
      return `${match[1]}.${match[2]}`;
    }
    match = /^var\(\s*'([\w]+)'\s*(?:,\s*'([^']*)'\s*)?\)$/.exec(expression);
    if (match) {
      const value = vars[match[1]!] ?? match[2];
      if (value === undefined) throw new Error(`${file}: var('${match[1]}') has no value and no default`);
      return value;
    }
    if (expression === 'this') return `${database}.${name}`;
    throw new Error(`${file}: unsupported Jinja expression {{ ${expression} }} (the in-process runner supports config, ref, source, var, this and the project's macros)`);
  });
  const sql = render(false).trim();
  const incrementalSql = render(true).trim();
  if (config.materialized !== 'incremental' && incrementalSql !== sql) throw new Error(`${file}: is_incremental() in a model that is not materialized='incremental'`);
  if (config.settings && config.materialized === 'view') throw new Error(`${file}: settings belong to a table; a view has none`);
  if (config.incremental_strategy && config.materialized !== 'incremental') throw new Error(`${file}: incremental_strategy without materialized='incremental'`);
  if (config.materialized === 'incremental' && config.incremental_strategy !== 'append') {
    // Without a unique_key dbt-clickhouse appends; say so, so that nobody reads it as a keyed merge.
    throw new Error(`${file}: an incremental model must say incremental_strategy='append' (the strategy the in-process runner implements)`);
  }
  return { name, file, config, refs: [...refs], sources: [...sources], sql, ...(config.materialized === 'incremental' ? { incrementalSql } : {}) };
}

/** A macro of dbt/macros as written: its parameters and its body, comments dropped. */
interface Macro { file: string; params: string[]; body: string }

function loadMacros(): Map<string, Macro> {
  const macros = new Map<string, Macro>();
  const definition = /\{%-?\s*macro\s+(\w+)\(([^)]*)\)\s*-?%\}([\s\S]*?)\{%-?\s*endmacro\s*-?%\}/g;
  for (const file of listSql(path.join(dbtDir, 'macros'))) {
    const text = readFileSync(file, 'utf8').replace(/\{#[\s\S]*?#\}/g, '');
    for (const [, name, params, body] of text.matchAll(definition)) {
      macros.set(name!, { file, params: params!.split(',').map((p) => p.trim()).filter(Boolean), body: body! });
    }
  }
  return macros;
}

/**
 * The body of a dbt macro that is plain SQL (no Jinja in it), for the statements dbt's hooks and the
 * runner share (macros/model_builds.sql create_model_builds).
 */
export function plainMacro(fileName: string, macro: string): string {
  const found = loadMacros().get(macro);
  if (!found || path.basename(found.file) !== fileName) throw new Error(`${path.join(dbtDir, 'macros', fileName)}: no macro ${macro}()`);
  if (/\{[{%#]/.test(found.body)) throw new Error(`${found.file}: macro ${macro}() is not plain SQL; the in-process runner cannot render it`);
  return found.body;
}

/**
 * `{{ name('a', 'b') }}` where name is a macro of the project: its body with `{{ param }}` replaced
 * by the text given, as Jinja renders it. A body may call another macro of the project, with text
 * or with one of its own parameters (`{{ other(param) }}`: the text that parameter was given), as
 * Jinja passes a variable on. Only text arguments, all of them given, and bodies whose only Jinja is
 * their parameters, such calls and the expressions a model may use; anything else is refused.
 */
function expandMacros(file: string, text: string, macros: Map<string, Macro>, bound: ReadonlyMap<string, string> = new Map(), depth = 0): string {
  return text.replace(/\{\{\s*(\w+)\(([\s\S]*?)\)\s*\}\}/g, (whole, name: string, argsText: string) => {
    const macro = macros.get(name);
    if (!macro) return whole;
    if (depth >= maxMacroDepth) throw new Error(`${file}: {{ ${name}(…) }}: macros call each other more than ${maxMacroDepth} deep (a cycle?)`);
    const args = macroArguments(argsText, bound);
    if (!args || args.length !== macro.params.length) {
      const passed = bound.size > 0 ? ` or a parameter of the calling macro (${[...bound.keys()].join(', ')})` : '';
      throw new Error(`${file}: {{ ${name}(${argsText.trim()}) }}: the in-process runner calls a macro with one text argument ('…')${passed} per parameter (${macro.params.join(', ')})`);
    }
    // {% if is_incremental() %} blocks stay in the body and are resolved with the model's (renderModel):
    // in dbt, is_incremental() called in a macro answers for the model being built.
    if (/\{%/.test(macro.body.replace(incrementalTag, ''))) {
      throw new Error(`${macro.file}: macro ${name}() has Jinja statements ({% … %}) other than {% if is_incremental() %} … {% endif %}; the in-process runner only renders macros that put their arguments in place`);
    }
    const values = new Map(macro.params.map((param, index) => [param, args[index]!]));
    const body = macro.body.replace(/\{\{\s*(\w+)\s*\}\}/g, (expression, param: string) => values.get(param) ?? expression).trim();
    return expandMacros(macro.file, body, macros, values, depth + 1);
  });
}

/**
 * The arguments of a macro call, each `'text'` or the name of a parameter of the calling macro
 * (`bound`: its value); undefined when any is something else.
 */
function macroArguments(argsText: string, bound: ReadonlyMap<string, string>): string[] | undefined {
  const args: string[] = [];
  const argument = /\s*(?:'([^']*)'|(\w+))\s*(,|$)/y;
  if (argsText.trim() === '') return args;
  for (let match = argument.exec(argsText); match; match = argument.exec(argsText)) {
    const value = match[1] ?? bound.get(match[2]!);
    if (value === undefined) return undefined;
    args.push(value);
    if (match[3] === '') return argument.lastIndex === argsText.length ? args : undefined;
  }
  return undefined;
}

/** How deep macros may call macros: far beyond what the project needs, short of a runaway cycle. */
const maxMacroDepth = 8;

export function loadModels(vars: Record<string, string> = {}, database: string = modelsDatabase): Model[] {
  const macros = loadMacros();
  return listSql(path.join(dbtDir, 'models')).map((file) => renderModel(path.basename(file, '.sql'), file, readFileSync(file, 'utf8'), vars, database, macros));
}

/** Models in an order where each comes after the models it refs. */
export function buildOrder(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const ordered: Model[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (model: Model, trail: string[]) => {
    if (state.get(model.name) === 'done') return;
    if (state.get(model.name) === 'visiting') throw new Error(`dbt models form a cycle: ${[...trail, model.name].join(' → ')}`);
    state.set(model.name, 'visiting');
    for (const ref of model.refs) {
      if (seeds.has(ref)) continue;
      const dependency = byName.get(ref);
      if (!dependency) throw new Error(`${model.file}: ref('${ref}') names no model or seed`);
      visit(dependency, [...trail, model.name]);
    }
    state.set(model.name, 'done');
    ordered.push(model);
  };
  for (const model of [...models].sort((a, b) => a.name.localeCompare(b.name))) visit(model, []);
  return ordered;
}

/**
 * The models to rebuild when these source tables (bare table names) or seeds have changed: every
 * model that reads one of them, and everything downstream of those, in build order.
 */
export function affectedModels(models: Model[], changedTables: Iterable<string>): Model[] {
  const changed = new Set(changedTables);
  const affected = new Set<string>();
  for (const model of buildOrder(models)) {
    // Build order puts a model after its refs, so one pass sees every upstream decision.
    const readsChanged = model.sources.some((source) => changed.has(source.split('.')[1]!));
    if (readsChanged || model.refs.some((ref) => affected.has(ref) || (seeds.has(ref) && changed.has(ref)))) affected.add(model.name);
  }
  return buildOrder(models).filter((model) => affected.has(model.name));
}
