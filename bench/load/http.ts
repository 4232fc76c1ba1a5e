// A lean keep-alive HTTP client for the load driver: the driver's own cost per request must stay
// far below the server's, or the benchmark measures itself.
import { Agent, request } from 'node:http';

export interface Reply {
  status: number;
  body: string;
  cookie?: string;
}

export class HttpClient {
  private readonly agent: Agent;
  cookie: string | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
    sockets = 64,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  post(path: string, body?: unknown, token?: string): Promise<Reply> {
    return this.send('POST', path, body, token);
  }

  get(path: string, token?: string): Promise<Reply> {
    return this.send('GET', path, undefined, token);
  }

  private send(method: string, path: string, body: unknown, token: string | undefined): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (this.cookie) headers['cookie'] = this.cookie;
    return new Promise((resolve, reject) => {
      const req = request({ host: this.host, port: this.port, path, method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const set = res.headers['set-cookie']?.[0];
          if (set) this.cookie = set.split(';')[0];
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
