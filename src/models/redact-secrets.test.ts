import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.ts';

describe('redactSecrets', () => {
  it('removes the given values and anything shaped like a key', () => {
    expect(redactSecrets('Incorrect API key provided: sk-proj-abcdef123456.', [])).toBe(
      'Incorrect API key provided: [redacted].',
    );
    expect(redactSecrets('key my-odd-secret-value rejected', ['my-odd-secret-value'])).toBe(
      'key [redacted] rejected',
    );
    expect(redactSecrets('header Bearer abc.def was refused')).toBe('header [redacted] was refused');
    expect(redactSecrets('AIzaSyA1234567890abcdef is invalid')).toBe('[redacted] is invalid');
    expect(redactSecrets('rate limit exceeded, retry in 2s')).toBe('rate limit exceeded, retry in 2s');
  });

  it('removes a secret echoed inside a JSON string or percent-encoded in a URL', () => {
    const secret = 'my$ecret"anth\\key é';
    const echoed = `401: {"error":"bad key","xkey":${JSON.stringify(secret)}} from /v1?key=${encodeURIComponent(secret)}`;
    expect(redactSecrets(echoed, [secret])).toBe(
      '401: {"error":"bad key","xkey":"[redacted]"} from /v1?key=[redacted]',
    );
  });
});
