import { type Context, GraphClientError, type Middleware } from '@microsoft/microsoft-graph-client';
import { type Dispatcher, fetch } from 'undici';

/**
 * A request never reached a response (connection reset, TLS failure, timeout). Extends the SDK's
 * `GraphClientError` so the SDK passes it through unchanged and the retry layer can recognise it.
 */
export class GraphTransportError extends GraphClientError {
  constructor(message: string, cause: unknown) {
    super(message);
    this.name = 'GraphTransportError';
    this.cause = cause;
  }
}

/**
 * Last middleware of the Graph SDK chain: sends the request with undici's own `fetch` and the given
 * dispatcher. Using undici's fetch together with undici's `Agent` keeps one HTTP stack (the global
 * fetch bundles a different undici), and trusting a CA through the dispatcher changes no process-wide
 * TLS setting.
 */
export class UndiciTransport implements Middleware {
  constructor(
    private readonly dispatcher: Dispatcher | undefined,
    /** Upper bound for one request including its body, in milliseconds. */
    private readonly requestTimeoutMs: number,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const options = context.options ?? {};
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const response = await fetch(url, {
        method: options.method ?? 'GET',
        headers: (options.headers as Record<string, string> | undefined) ?? {},
        body: (options.body as string | undefined) ?? null,
        signal,
        ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
      });
      // The SDK types its context with the DOM Response; undici's Response has the same surface.
      context.response = response as unknown as NonNullable<Context['response']>;
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'failed';
      throw new GraphTransportError(`request ${reason} before a response`, error);
    }
  }
}
