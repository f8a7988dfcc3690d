/**
 * How much the memos that make a rebuild fast may hold: the measured text (layout/measure.ts),
 * the layouts of recent slides (layout/slideMemo.ts), and the fixed and the deflated forms of
 * recent parts (package/fixMemo.ts, package/zip.ts).
 *
 * A session that rebuilds one brief (watch, serve, a build in one process) lives on them: its
 * next build repeats most of what the last one did. A batch worker builds brief after brief,
 * each with its own text; all that briefs share is the theme, the masters and the layouts, a
 * few hundred kilobytes. There, memos the size a session wants are only memory the worker
 * keeps alive and the garbage collector walks, in every worker. So a batch worker asks for the
 * batch budget when it starts (batch/worker.ts).
 *
 * So does the CLI's own `build` or `check` when the process ends with it (Ctx.exitsAfter, which
 * bin/briefdeck.js sets): no build comes after to use what a session memo would keep, and keeping
 * it was a cost of every cold build (the layouts frozen deeply, their keys written as JSON, the
 * parsed brief frozen): 3-4 ms of the shipped brief's, measured against the same bundle.
 */
export type MemoProfile = 'session' | 'batch';

let profile: MemoProfile = 'session';

/** Sets the budget for this thread (a batch worker sets 'batch' before its first brief); returns the one it replaces. */
export function setMemoProfile(p: MemoProfile): MemoProfile {
  const was = profile;
  profile = p;
  return was;
}

/** The byte budget of a memo: `session` bytes in a session, `batch` bytes in a batch worker. */
export function memoBytes(session: number, batch: number): number {
  return profile === 'batch' ? batch : session;
}
