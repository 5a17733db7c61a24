/**
 * The longest wait a timer can hold: Node's `setTimeout` fires at once (with a TimeoutOverflowWarning) for any
 * delay above 2^31 − 1 ms, about 24.8 days. Options that end in a timer are refused above it.
 */
export const MAX_TIMER_MS = 2_147_483_647;
