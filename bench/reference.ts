// The references bench/load.bench.ts runs beside the product, in the same run and on the same core:
//   fastify  a bare Fastify route that parses a JSON message and answers 201 with JSON
//   ws       a raw `ws` push server: customers connect to /ws?i=N; POST /push/N sends to socket N
// PORT as usual; `node --import tsx bench/reference.ts fastify|ws`.
import { createServer } from 'node:http';
import Fastify from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';

const port = Number(process.env['PORT']);
const mode = process.argv[2];

if (mode === 'fastify') {
  const app = Fastify({ logger: false });
  app.post<{ Body: { text: string; clientMessageId: string } }>('/api/echo', async (req, reply) => {
    reply.code(201);
    return { message: { id: req.body.clientMessageId, text: req.body.text, author: 'customer' } };
  });
  await app.listen({ port, host: '127.0.0.1' });
} else if (mode === 'ws') {
  const sockets = new Map<number, WebSocket>();
  const server = createServer((req, res) => {
    const m = /^\/push\/(\d+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const socket = m ? sockets.get(Number(m[1])) : undefined;
      if (!socket) return void res.writeHead(404).end();
      const { text } = JSON.parse(Buffer.concat(chunks).toString()) as { text: string };
      socket.send(JSON.stringify({ type: 'message', message: { text, author: 'advisor' } }));
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, req) => {
    const i = Number(new URL(req.url ?? '', 'http://x').searchParams.get('i'));
    sockets.set(i, socket);
    socket.on('close', () => sockets.delete(i));
    socket.send(JSON.stringify({ type: 'synced' }));
  });
  server.listen(port, '127.0.0.1');
} else {
  console.error('usage: reference.ts fastify|ws');
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0));
