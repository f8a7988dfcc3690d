/**
 * One rule for the tests that need outside tools (LibreOffice, poppler): run when the tools are
 * on PATH; without them, skip and say why; but under CI, where installing them is part of the
 * set-up (.ci/run), fail and say why, so a CI run cannot pass without having checked anything.
 */
import { describe, it } from 'vitest';
import { INSTALL_HINT, type Tools } from '../../src/convert/libreoffice.ts';

const LABEL: Record<keyof Tools, string> = {
  soffice: 'LibreOffice (soffice)',
  pdftotext: 'pdftotext (poppler-utils)',
  pdftoppm: 'pdftoppm (poppler-utils)',
};

/** True when the environment says this is a CI run (`CI=true`, as CI services set it). */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(true|1|yes)$/i.test((env.CI ?? '').trim());
}

export type ToolGate = { action: 'run' } | { action: 'skip' | 'fail'; reason: string };

/** Whether `check` (e.g. "render check") can run with `tools`, given the tools it `needs`. */
export function toolGate(check: string, tools: Tools, needs: Array<keyof Tools>, env: NodeJS.ProcessEnv = process.env): ToolGate {
  const missing = needs.filter((t) => !tools[t]).map((t) => LABEL[t]);
  if (missing.length === 0) return { action: 'run' };
  const reason = `${missing.join(' and ')} not found on PATH; ${INSTALL_HINT}`;
  return isCI(env) ? { action: 'fail', reason: `${check} cannot run under CI: ${reason}` } : { action: 'skip', reason: `${check} skipped: ${reason}` };
}

/**
 * `describe(name, body)` under a gate: run; skipped (`describe.skipIf`) with the reason in its
 * name and printed; or, under CI, one test that fails with the reason in place of the body.
 */
export function describeWithTools(name: string, gate: ToolGate, body: () => void): void {
  if (gate.action === 'fail') {
    const reason = gate.reason;
    describe(name, () => {
      it(reason, () => {
        throw new Error(reason);
      });
    });
    return;
  }
  if (gate.action === 'skip') console.warn(gate.reason);
  describe.skipIf(gate.action === 'skip')(gate.action === 'skip' ? `${name} [${gate.reason}]` : name, body);
}
