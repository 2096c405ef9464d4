import { spawn, type ChildProcess } from 'node:child_process';
import { clockEnv } from './support/child-env.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminQuery, readInfo, withDatabase } from './db.js';

/**
 * Issue 12: `npm start` (scripts/start.mjs) passes a stop signal on to the API and waits for it, and an API whose
 * wrapper was killed outright stops too — no API left running, holding the port and the embedded database folder.
 */
const root = path.resolve(process.cwd(), '../..');
/** Whether a process runs (an exited one waiting to be reaped by the container's init, state Z, does not). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};
async function waitFor<T>(f: () => Promise<T | null> | T | null, ms: number): Promise<T | null> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await f();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}

describe('npm start wrapper', () => {
  const info = readInfo();
  let dbName: string | null = null;
  const dataDir = mkdtempSync(path.join(tmpdir(), `zc-start-${process.env.ZC_TEST_RUN ?? ''}-`));
  const spawned: ChildProcess[] = [];
  afterAll(async () => {
    // Whatever a failed test left running (a wrapper, and with it its API) is stopped.
    for (const w of spawned) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 3000));
    for (const w of spawned) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    if (dbName) await adminQuery(info.adminUrl!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (port: number): Promise<{ wrapper: ChildProcess; apiPid: number }> => {
    if (info.mode === 'server' && !dbName) {
      dbName = `zc_test_start_${randomBytes(5).toString('hex')}`;
      await adminQuery(info.adminUrl!, `CREATE DATABASE ${dbName}`);
    }
    const wrapper = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      stdio: 'ignore',
      env: {
        ...clockEnv(),
        PATH: process.env.PATH,
        SKIP_INSTALL: 'true',
        SKIP_BUILD: 'true',
        SEED_DEMO: 'false',
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        WEB_DIST: path.join(dataDir, 'no-web'),
        ...(dbName ? { DATABASE_URL: withDatabase(info.adminUrl!, dbName) } : {}),
      },
    });
    spawned.push(wrapper);
    const live = await waitFor(async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health/live`);
        const body = r.ok ? ((await r.json()) as { pid: number }) : null;
        // Only an API that is this wrapper's child counts (not one left on the port by something else).
        return body && readFileSync(`/proc/${body.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(wrapper.pid) ? body : null;
      } catch {
        return null;
      }
    }, 90_000);
    if (!live) throw new Error('the API did not start under scripts/start.mjs');
    expect(live.pid).not.toBe(wrapper.pid);
    return { wrapper, apiPid: live.pid };
  };

  it('passes SIGTERM on and exits only after the API has', async () => {
    const { wrapper, apiPid } = await start(3297);
    const exited = new Promise<number | null>((r) => wrapper.on('exit', (code) => r(code)));
    wrapper.kill('SIGTERM');
    await exited;
    expect(alive(apiPid)).toBe(false); // the wrapper waited for it
  }, 120_000);

  it('an API whose wrapper is killed with SIGKILL stops by itself', async () => {
    const { wrapper, apiPid } = await start(3298);
    wrapper.kill('SIGKILL');
    expect(await waitFor(() => !alive(apiPid), 30_000)).toBe(true);
  }, 120_000);
});
