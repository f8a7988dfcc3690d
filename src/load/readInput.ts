/**
 * The one way briefdeck reads an input file (brief, template, partial, theme, image): a
 * regular file, inside the folder it must come from once symbolic links are resolved, and
 * no larger than a limit. Named pipes, devices and sockets are refused before a byte is read,
 * so nothing can block a build or feed it without end; a failure is a diagnostic, never a throw.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { error, type Diagnostic, type Result } from '../diagnostics.ts';
import { tooLarge } from './sanitize.ts';

/** The size limit of a brief, template, partial or theme. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

/** Where a file must stay, and what the messages call it. */
export interface ReadRule {
  /** How the file is named in diagnostics (as the user gave it, or relative to the working folder). */
  file: string;
  /** What the file is, for messages: "brief", "partial", "theme", "image". */
  noun: string;
  maxBytes: number;
  /** The folder the file must resolve inside (after symbolic links); omitted: anywhere. */
  within?: { dir: string; name: string; hint: string };
}

/** How a path is named in diagnostics: relative to the working folder when it is below it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}

/** Whether anything, even a dangling link, is at `path`. */
export function isPresent(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` is `root` or inside it; both absolute and already resolved. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

// O_NONBLOCK: opening a named pipe for reading otherwise waits for a writer, for ever.
// O_NOFOLLOW: the path opened is already resolved, so a link put there since is refused.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** Reads a whole input file under `rule`; see the module comment. */
export function readInput(path: string, rule: ReadRule): Result<Uint8Array> {
  const real = resolveInside(path, rule);
  if ('problem' in real) return { diagnostics: [real.problem] };
  let fd: number | undefined;
  try {
    fd = openSync(real.path, OPEN_FLAGS);
    const stat = fstatSync(fd);
    const kind = notRegular(stat);
    if (kind) return { diagnostics: [readError(rule, kind === 'a folder' ? 'EISDIR' : 'ESPECIAL', kind)] };
    return readAll(fd, stat.size, rule);
  } catch (e) {
    return { diagnostics: [readError(rule, (e as NodeJS.ErrnoException).code, (e as Error).message)] };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads to the end, but never more than `maxBytes + 1` bytes: enough to know that a file is too
 * large, and where. Sized by the file's size, growing only if it grows while being read.
 */
function readAll(fd: number, size: number, rule: ReadRule): Result<Uint8Array> {
  const limit = rule.maxBytes + 1;
  let buf = new Uint8Array(Math.min(limit, size + 1));
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      if (n === limit) break;
      const bigger = new Uint8Array(Math.min(limit, buf.length * 2));
      bigger.set(buf);
      buf = bigger;
    }
    const got = readSync(fd, buf, n, buf.length - n, null);
    if (got === 0) break;
    n += got;
  }
  if (n > rule.maxBytes) return { diagnostics: [tooLarge(rule.file, rule.maxBytes, { size: Math.max(size, n), atLeast: size <= rule.maxBytes, head: buf, noun: rule.noun })] };
  return { value: buf.subarray(0, n), diagnostics: [] };
}

function resolveInside(path: string, rule: ReadRule): { path: string } | { problem: Diagnostic } {
  const within = rule.within;
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A dangling link: say where it points only if that is somewhere the file may come from.
    const target = code === 'ENOENT' ? linkTarget(path) : undefined;
    if (target !== undefined && within && !isInside(within.dir, target)) return { problem: outside(rule, within) };
    return { problem: readError(rule, target !== undefined ? 'EDANGLING' : code, (e as Error).message) };
  }
  if (within && !isInside(within.dir, real)) return { problem: outside(rule, within) };
  return { path: real };
}

function linkTarget(path: string): string | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
    return resolve(dirname(resolve(path)), readlinkSync(path));
  } catch {
    return undefined;
  }
}

function notRegular(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function outside(rule: ReadRule, within: NonNullable<ReadRule['within']>): Diagnostic {
  return error('E_OUTSIDE', `the ${rule.noun} resolves to a file outside ${within.name}`, { file: rule.file, line: 1, col: 1, hint: within.hint });
}

const PERMISSION: [string, string] = ['permission denied', 'check that you may read the file (its permissions or owner)'];

function readError(rule: ReadRule, code: string | undefined, detail?: string): Diagnostic {
  const known: Record<string, [string, string]> = {
    ENOENT: ['there is no such file', 'check the file name, and run the command from the project folder'],
    EDANGLING: ['it is a symbolic link to a file that does not exist', 'remove the link, or point it at the file it stands for'],
    EISDIR: ['this is a folder, not a file', `give the path of the ${rule.noun} file itself`],
    ESPECIAL: [`this is ${detail}, not a regular file`, `save the ${rule.noun} as an ordinary file; briefdeck does not read pipes or devices`],
    ENOTDIR: ['a folder on its path is a file', 'check the path'],
    ELOOP: ['its symbolic links form a loop', 'remove the link, or point it at the file it stands for'],
    ENAMETOOLONG: ['the name is too long for the file system', 'use a shorter file name'],
    EACCES: PERMISSION,
    EPERM: PERMISSION,
  };
  const [why, hint] = known[code ?? ''] ?? [detail ?? 'unknown error', 'check that the file exists and can be opened'];
  return error('E_READ', `cannot read the ${rule.noun}: ${why}`, { file: rule.file, line: 1, col: 1, hint });
}
