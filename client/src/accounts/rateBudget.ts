/** When the status bar shows the rate-limit budget (pure, tested without VS Code). */
import type { RateLimitState } from '../api';
import { plural } from '../../../common/plural';

/** "12 calls left" when the remaining budget is at or under the threshold, else undefined. */
export function lowBudgetText(state: RateLimitState | undefined, warningPercent: number): string | undefined {
  if (!state || state.remaining === undefined || state.limit === undefined || state.limit <= 0) return undefined;
  if (state.remaining > (state.limit * warningPercent) / 100) return undefined;
  return `${plural(state.remaining, 'call')} left`;
}
