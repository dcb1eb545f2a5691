/** The benchmark's event-loop monitor sees a block that ends the measured work. */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { busyWait, measure, timerTurn } from '../../bench/measure';

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
      busyWait(2);
      await timerTurn(1);
    }
  });
  assert.ok(measured.maxBlockMs < 200, `read ${measured.maxBlockMs} ms`);
});
