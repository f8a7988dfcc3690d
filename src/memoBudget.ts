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
 */
export type MemoProfile = 'session' | 'batch';

let profile: MemoProfile = 'session';

/** Sets the budget for this thread; a batch worker sets 'batch' before its first brief. */
export function setMemoProfile(p: MemoProfile): void {
  profile = p;
}

/** The byte budget of a memo: `session` bytes in a session, `batch` bytes in a batch worker. */
export function memoBytes(session: number, batch: number): number {
  return profile === 'batch' ? batch : session;
}
