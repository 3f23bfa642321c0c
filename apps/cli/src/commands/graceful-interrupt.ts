import { INTERRUPTED_EXIT_CODE } from '../errors/cli-error';

/**
 * Under `npm run cli` one Ctrl-C arrives twice — from the terminal and again forwarded by npm — so a repeat
 * this soon after the first is the same keypress, not a second one.
 */
export const SAME_KEYPRESS_MS = 1_000;

export interface InterruptEffects {
  now: () => number;
  say: (line: string) => void;
  exit: (code: number) => void;
}

const PROCESS_EFFECTS: InterruptEffects = {
  now: () => Date.now(),
  say: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
};

/**
 * A SIGINT listener for long runs: the first Ctrl-C aborts `controller` (the run finishes what is in
 * flight, records it and stops), a second one ends the process at once.
 */
export function gracefulInterrupt(
  controller: AbortController,
  effects: InterruptEffects = PROCESS_EFFECTS,
): () => void {
  let firstAt: number | undefined;
  return () => {
    const now = effects.now();
    if (firstAt === undefined) {
      firstAt = now;
      effects.say('\nStopping after the projects in flight (Ctrl-C again to stop at once)…');
      controller.abort();
      return;
    }
    if (now - firstAt < SAME_KEYPRESS_MS) return;
    // PostgreSQL rolls back the transactions cut off here; their projects stay unrecorded and are redone.
    effects.say('Stopped at once; run the same command again to resume.');
    effects.exit(INTERRUPTED_EXIT_CODE);
  };
}
