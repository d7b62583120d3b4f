/*
 * A real Dovecot IMAP server for tests: a throw-away config in a temp folder (passwd-file users,
 * plain login over localhost, maildir), on a free port, run in the foreground as a child process.
 * Messages are placed with IMAP APPEND, so the server assigns UIDs exactly as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

export const DOVECOT_BIN = '/usr/sbin/dovecot';

export interface TestDovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  /** Appends raw messages to a folder (created if missing); returns their UIDs. */
  append(raws: (Buffer | string)[], folder?: string): Promise<number[]>;
  /** The UIDs carrying \Seen in a folder. */
  seenUids(folder?: string): Promise<number[]>;
  /** Kills the server (SIGKILL) to simulate a crash or a dropped connection. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data. */
  restart(): Promise<void>;
  /** Deletes and recreates a folder, which gives it a new UIDVALIDITY. */
  recreateFolder(folder: string): Promise<void>;
  close(): Promise<void>;
}

export const dovecotAvailable = () => fs.existsSync(DOVECOT_BIN);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('data', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function mailOwner(): { uid: number; gid: number } {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? 0 };
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('dovecot:'));
  const [, , u, g] = (line ?? '').split(':');
  if (!u || !g) throw new Error('running as root needs the dovecot system user (Debian dovecot-core creates it)');
  return { uid: Number(u), gid: Number(g) };
}

function writeConfig(dir: string, port: number, user: string, password: string) {
  // Dovecot never runs mail processes as root: as root we hand the maildir to the dovecot user.
  const { uid, gid } = mailOwner();
  fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'mail'), { recursive: true });
  fs.chownSync(path.join(dir, 'mail'), uid, gid);
  fs.writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}:${uid}:${gid}::${path.join(dir, 'mail')}::\n`);
  const conf = `
protocols = imap
listen = 127.0.0.1
base_dir = ${path.join(dir, 'run')}
state_dir = ${path.join(dir, 'state')}
instance_name = kefu-test-${port}
log_path = ${path.join(dir, 'dovecot.log')}
ssl = no
first_valid_uid = ${uid}
first_valid_gid = ${gid}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${path.join(dir, 'mail')}/Maildir
default_login_user = dovenull
default_internal_user = dovecot
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${path.join(dir, 'users')}
}
userdb {
  driver = passwd-file
  args = username_format=%u ${path.join(dir, 'users')}
}
`;
  fs.mkdirSync(path.join(dir, 'state'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), conf);
}

export async function startDovecot(): Promise<TestDovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-dovecot-'));
  // The login process runs as dovenull: it must be able to reach the sockets in our folder.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'kefu';
  const password = 'kefu-test-password';
  writeConfig(dir, port, user, password);
  let child: ChildProcess | null = null;
  const start = async () => {
    // Its own process group, so a kill takes the imap session processes (the open connections) too.
    child = spawn(DOVECOT_BIN, ['-c', path.join(dir, 'dovecot.conf'), '-F'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<never>((_, reject) => child!.once('exit', (code) => reject(new Error(`dovecot exited (${code}): ${stderr}`))));
    await Promise.race([waitForPort(port), exited]);
    exited.catch(() => undefined);
  };
  const stop = async () => {
    const c = child as ChildProcess | null;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      c.kill('SIGKILL');
    }
    await gone;
    // Children (imap, imap-login, auth) die with the master; give them a moment to let go of the port.
    await new Promise((r) => setTimeout(r, 100));
    child = null;
  };
  await start();
  const client = async () => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  return {
    host: '127.0.0.1', port, user, password, dir,
    async append(raws, folder = 'INBOX') {
      const c = await client();
      try {
        if (folder !== 'INBOX') await c.mailboxCreate(folder).catch(() => undefined);
        const uids: number[] = [];
        for (const raw of raws) {
          const r = await c.append(folder, raw);
          if (r && typeof r === 'object' && r.uid) uids.push(r.uid);
        }
        return uids;
      } finally {
        await c.logout();
      }
    },
    async seenUids(folder = 'INBOX') {
      const c = await client();
      try {
        await c.mailboxOpen(folder, { readOnly: true });
        return ((await c.search({ seen: true }, { uid: true })) || []).sort((a, b) => a - b);
      } finally {
        await c.logout();
      }
    },
    kill: stop,
    restart: start,
    async recreateFolder(folder) {
      const c = await client();
      try {
        await c.mailboxDelete(folder).catch(() => undefined);
        await c.mailboxCreate(folder);
      } finally {
        await c.logout();
      }
    },
    async close() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
