/** The benchmark's event-loop monitor sees a block that ends the measured work. */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { busyCpu, busyWait, measure, threadCpuNs, timerTurn } from '../../bench/measure';

test('a 200 ms block at the end of the awaited work reads as at least 200 ms', async () => {
  const measured = await measure(async () => {
    await timerTurn();
    busyWait(200);
    return 'done';
  });
  assert.equal(measured.value, 'done');
  assert.ok(measured.maxBlockMs >= 200, `read ${measured.maxBlockMs} ms`);
  assert.ok(measured.mainMs >= 200, `main thread busy ${measured.mainMs} ms`);
  assert.ok(measured.cpuMs > 0);
});

test('work that yields often reads as short blocks', async () => {
  const measured = await measure(async () => {
    for (let i = 0; i < 20; i++) {
      busyCpu(2);
      await timerTurn(1);
    }
  });
  // The work's own blocks: CPU between timer turns (the wall-time monitor adds the machine's
  // scheduling delays, hundreds of ms on a loaded shared machine, so it is checked only without /proc).
  if (measured.maxCpuBlockMs !== undefined) assert.ok(measured.maxCpuBlockMs < 50, `read ${measured.maxCpuBlockMs} ms of CPU`);
  else assert.ok(measured.maxBlockMs < 200, `read ${measured.maxBlockMs} ms`);
});

test('a block of 200 ms of CPU at the end of the work reads as at least 200 ms of CPU, however loaded the machine', async (t) => {
  if (threadCpuNs() === undefined) {
    t.skip('no per-thread CPU time here (/proc/thread-self/schedstat)');
    return;
  }
  const measured = await measure(async () => {
    await timerTurn();
    busyCpu(200);
  });
  assert.ok((measured.maxCpuBlockMs ?? 0) >= 200, `read ${measured.maxCpuBlockMs} ms`);
  assert.ok(measured.maxBlockMs >= 200, `the wall-time monitor read ${measured.maxBlockMs} ms`);
});

test('an idle loop reads no CPU block, whatever the wall-time monitor sees', async () => {
  const measured = await measure(() => timerTurn(300));
  assert.ok((measured.maxCpuBlockMs ?? 0) < 50, `read ${measured.maxCpuBlockMs} ms of CPU`);
});
