// The floor of the load benchmark (bench/load.ts): the least a server can do for the same traffic. A bare `ws` server
// that keeps nothing: each message a client sends is acknowledged to it and forwarded, unchanged, to every other client
// of the same table (the `table` query parameter of the WebSocket URL). Started by bench/bench-server.ts like the real
// server (pinned to core 0, bench/flood-probe.ts preloaded), so the two are measured the same way; it answers any HTTP
// GET with 200 so that bench-server.ts sees it is up. PORT and HOST as the server's.
import http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

const tables = new Map<string, Set<WebSocket>>();
const server = http.createServer((_request, response) => response.end("{}"));
const sockets = new WebSocketServer({ server, maxPayload: 64 * 1024 });

sockets.on("connection", (socket, request) => {
  const table = new URL(request.url ?? "/", "http://floor").searchParams.get("table") ?? "";
  const members = tables.get(table) ?? new Set<WebSocket>();
  tables.set(table, members);
  members.add(socket);
  socket.on("message", (data: Buffer) => {
    // The acknowledgement names the message by its id, as the server's reply names its request.
    const id = (JSON.parse(data.toString()) as { id?: string }).id ?? "";
    socket.send(JSON.stringify({ ack: id }));
    for (const other of members) if (other !== socket) other.send(data, { binary: false });
  });
  socket.on("close", () => members.delete(socket));
  socket.on("error", () => members.delete(socket));
});

server.listen(Number(process.env.PORT ?? 2567), process.env.HOST ?? "127.0.0.1");
