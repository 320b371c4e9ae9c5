import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Reads the `Date` header of every Graph response, so remaining times are computed on Graph's
 * clock rather than a laptop's possibly skewed one.
 */
export class ServerDateHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly observe: (serverMs: number, localMs: number) => void) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    await this.next?.execute(context);
    const date = context.response?.headers.get('Date');
    const serverMs = date ? Date.parse(date) : Number.NaN;
    if (Number.isFinite(serverMs)) this.observe(serverMs, Date.now());
  }
}
