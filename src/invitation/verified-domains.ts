import { Clock } from './clock';
import { DirectoryPort } from './directory-port';

/**
 * The tenant's verified domains, read from the directory and kept for a while: they change rarely and every
 * invitation needs them. Concurrent callers share one in-flight read.
 */
export class VerifiedDomains {
  private cached?: { domains: Set<string>; readAt: number };
  private inFlight?: Promise<Set<string>>;

  constructor(
    private readonly directory: Pick<DirectoryPort, 'listVerifiedDomains'>,
    private readonly clock: Clock,
    private readonly maxAgeSeconds: number,
  ) {}

  async includes(domain: string): Promise<boolean> {
    const domains = await this.current();
    return domains.has(domain.toLowerCase());
  }

  private async current(): Promise<Set<string>> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.readAt < this.maxAgeSeconds * 1000) return this.cached.domains;
    this.inFlight ??= this.directory
      .listVerifiedDomains()
      .then((names) => {
        const domains = new Set(names.map((name) => name.toLowerCase()));
        this.cached = { domains, readAt: this.clock.now().getTime() };
        return domains;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}
