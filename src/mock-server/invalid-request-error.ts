/** A request body without its API's shape (`messages[0]` not an object): the mock server answers it 400. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  readonly code = 'invalid-request' as const;
}
