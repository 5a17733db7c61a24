/** The upstream sent nothing for the proxy's upstream timeout: the request is cancelled and answered 504. */
export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
  readonly code = 'upstream-timeout';
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`the upstream sent nothing for ${timeoutMs / 1000} s (the proxy's upstream timeout)`);
    this.timeoutMs = timeoutMs;
  }
}
