// A private Postfix (Debian's, infra/mail/install.sh) for the digest's test: its own configuration,
// queue and mailbox in a temporary directory, SMTP on 127.0.0.1 at a free port, every address
// @vanban.test delivered into one maildir (virtual(8) allows no per-address regexp map), which the
// test reads back by each message's Delivered-To. The system's Postfix stays untouched.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const mailDomain = 'vanban.test';

export interface Postfix {
  /** smtp://127.0.0.1:port */
  url: string;
  /** The raw messages (RFC 5322) delivered to `address` so far, oldest first. */
  messages(address: string): string[];
  /** Every maildir's messages: address → raw messages. */
  mailboxes(): Map<string, string[]>;
  /** Waits until the queue is empty (every accepted message delivered or bounced). */
  flushed(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startPostfix(name: string): Promise<Postfix> {
  if (!existsSync('/usr/sbin/postfix')) throw new Error('Postfix is not installed: run infra/mail/install.sh (as root)');
  if (process.getuid?.() !== 0) throw new Error('a private Postfix instance needs root (its daemons drop to the postfix user)');
  const dir = mkdtempSync(path.join(tmpdir(), `postfix-${name}-`));
  const [etc, queue, data, mail] = ['etc', 'queue', 'data', 'mail'].map((sub) => path.join(dir, sub)) as [string, string, string, string];
  for (const sub of [etc, queue, data, mail]) mkdirSync(sub, { recursive: true });
  // The daemons run as the postfix user: they must reach the directory and own their data; mail is
  // written as `nobody`, never as root (virtual(8) refuses uid 0).
  chmodSync(dir, 0o755);
  const postfixUser = await run('id', ['-u', 'postfix']).then(({ stdout }) => Number(stdout.trim()));
  chownSync(data, postfixUser, 0);
  chownSync(mail, 65534, 65534);
  const port = await freePort();
  writeFileSync(path.join(etc, 'main.cf'), [
    'compatibility_level = 3.6',
    `queue_directory = ${queue}`, `data_directory = ${data}`,
    'command_directory = /usr/sbin', 'daemon_directory = /usr/lib/postfix/sbin', 'shlib_directory = /usr/lib/postfix',
    'mail_owner = postfix', 'setgid_group = postdrop',
    'inet_interfaces = 127.0.0.1', 'inet_protocols = ipv4', `myhostname = smtp.${mailDomain}`,
    'mydestination =', 'mynetworks = 127.0.0.0/8', 'relay_domains =', 'alias_maps =', 'alias_database =', 'local_recipient_maps =',
    `virtual_mailbox_domains = ${mailDomain}`, `virtual_mailbox_base = ${mail}`, 'virtual_mailbox_maps = static:maildir/',
    'virtual_uid_maps = static:65534', 'virtual_gid_maps = static:65534', 'virtual_minimum_uid = 100',
    `maillog_file = ${path.join(dir, 'maillog')}`, `maillog_file_prefixes = ${dir}`, 'smtputf8_enable = yes', 'biff = no', 'append_dot_mydomain = no',
    'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination',
  ].join('\n') + '\n');
  // Debian's services, with smtpd on our port, unchrooted (the chroot would need a copied /etc).
  const master = readFileSync('/etc/postfix/master.cf', 'utf8')
    .split('\n')
    .map((line) => (/^smtp\s+inet\s/.test(line) ? `127.0.0.1:${port} inet n - n - - smtpd` : line.replace(/^(\S+\s+\S+\s+\S+\s+\S+\s+)y(\s)/, '$1n$2')))
    .join('\n');
  writeFileSync(path.join(etc, 'master.cf'), master);
  await run('/usr/sbin/postfix', ['-c', etc, 'set-permissions']).catch(() => undefined);
  await run('/usr/sbin/postfix', ['-c', etc, 'check']);
  await run('/usr/sbin/postfix', ['-c', etc, 'start']);
  const mailboxes = () => {
    const boxes = new Map<string, string[]>();
    const files = ['cur', 'new'].flatMap((sub) => {
      const folder = path.join(mail, 'maildir', sub);
      return existsSync(folder) ? readdirSync(folder).map((file) => path.join(folder, file)) : [];
    });
    // Maildir names start with the delivery time in seconds, then a sequence: sorted, oldest first.
    files.sort((a, b) => path.basename(a).localeCompare(path.basename(b), 'en', { numeric: true }));
    for (const file of files) {
      const raw = readFileSync(file, 'utf8');
      const to = /^Delivered-To: (.+)$/m.exec(raw)?.[1]?.trim().toLowerCase() ?? '';
      boxes.set(to, [...(boxes.get(to) ?? []), raw]);
    }
    return boxes;
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: (address) => mailboxes().get(address) ?? [],
    mailboxes,
    async flushed(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { stdout } = await run('/usr/sbin/postqueue', ['-c', etc, '-p']);
        if (/Mail queue is empty/.test(stdout)) return;
        if (Date.now() > deadline) throw new Error(`Postfix still holds mail after ${timeoutMs} ms:\n${stdout}\n${readFileSync(path.join(dir, 'maillog'), 'utf8').slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      await run('/usr/sbin/postfix', ['-c', etc, 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
