/** The call never reached the function (network, platform): safe to retry with the same requestId. */
export class TransportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TransportError'
  }
}
