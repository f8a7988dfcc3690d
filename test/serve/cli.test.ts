/**
 * `briefdeck serve` as a user runs it: it prints its 127.0.0.1 address and the brief's page,
 * the page answers, and Ctrl-C stops it cleanly with exit status 130; a bad --port is a usage
 * error (exit 2).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureOut, REPO, SHIPPED_BRIEF } from '../support/helpers.ts';

vi.setConfig({ testTimeout: 90_000 });

const dir = mkdtempSync(join(tmpdir(), 'briefdeck-serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.each(['abc', '-1', '65536', '80.5', ''])('--port %j is a usage error', async (port) => {
  const out = captureOut();
  expect(await main(['serve', `--port=${port}`], out, { cwd: dir })).toBe(2);
  expect(out.err.join("\n")).toContain('--port needs a port number from 0 to 65535');
});

it('prints its address, serves the page, and stops on Ctrl-C with exit 130', async () => {
  mkdirSync(join(dir, 'briefs'), { recursive: true });
  copyFileSync(SHIPPED_BRIEF, join(dir, 'briefs', 'kim-putin-2023.yaml'));
  const child = spawn(process.execPath, [join(REPO, 'bin/briefdeck.js'), 'serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const page = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c) => {
      stdout += c;
      const m = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/brief\/kim-putin-2023)$/m.exec(stdout);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code} before printing its address:\n${stdout}\n${stderr}`)));
  });
  expect(stdout).toMatch(/Serving a preview at http:\/\/127\.0\.0\.1:\d+\//);
  const res = await fetch(page);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('data-brief="kim-putin-2023"');
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stderr).toContain('Stopped serving.');
  // The watcher's staging folder is gone; the deck stays.
  expect(existsSync(join(dir, 'out', 'kim-putin-2023.pptx'))).toBe(true);
  expect(readdirSync(join(dir, 'out')).filter((f) => f.startsWith('.'))).toEqual([]);
});
