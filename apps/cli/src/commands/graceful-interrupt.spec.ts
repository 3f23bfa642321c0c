import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gracefulInterrupt, SAME_KEYPRESS_MS } from './graceful-interrupt';

function harness() {
  let clock = 1_000_000;
  const lines: string[] = [];
  const exits: number[] = [];
  const controller = new AbortController();
  const onSigint = gracefulInterrupt(controller, {
    now: () => clock,
    say: (line) => lines.push(line),
    exit: (code) => exits.push(code),
  });
  return { controller, onSigint, lines, exits, advance: (ms: number) => (clock += ms) };
}

describe('gracefulInterrupt', () => {
  it('aborts on the first Ctrl-C and says what happens next', () => {
    const h = harness();
    h.onSigint();
    assert.equal(h.controller.signal.aborted, true);
    assert.deepEqual(h.exits, []);
    assert.match(h.lines[0], /Stopping after the projects in flight/);
  });

  it('treats the copy npm forwards right after as the same keypress', () => {
    const h = harness();
    h.onSigint();
    h.advance(5);
    h.onSigint();
    assert.deepEqual(h.exits, []);
    assert.equal(h.lines.length, 1);
  });

  it('exits at once with 130 on a second Ctrl-C', () => {
    const h = harness();
    h.onSigint();
    h.advance(SAME_KEYPRESS_MS + 1);
    h.onSigint();
    assert.deepEqual(h.exits, [130]);
    assert.match(h.lines[1], /run the same command again to resume/);
  });
});
