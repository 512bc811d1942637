// The network between a page and the server, which a test can cut: a TCP relay on a port of its own that carries the page's
// HTTP requests and WebSocket both ways. Cut, every connection through it breaks at once (the page sees its WebSocket
// close abnormally, 1006) and new ones are refused, as when a laptop loses its Wi-Fi; restored, they go through again.
// Deaf, what the page sends still arrives but nothing comes back: an answer lost on the way.
import net from "node:net";

export class Network {
  #relay: net.Server;
  #sockets = new Set<net.Socket>();
  #state: "up" | "cut" | "deaf" = "up";

  private constructor(relay: net.Server) {
    this.#relay = relay;
  }

  /** Where a page reaches the server through this network. */
  get origin(): string {
    return `http://127.0.0.1:${(this.#relay.address() as net.AddressInfo).port}`;
  }

  /** Relays a port the system gives on 127.0.0.1 to the server at 127.0.0.1:serverPort. */
  static async open(serverPort: number): Promise<Network> {
    const network: Network = new Network(net.createServer((page) => network.#carry(page, serverPort)));
    await new Promise<void>((resolve, reject) => {
      network.#relay.once("error", reject);
      network.#relay.listen(0, "127.0.0.1", resolve);
    });
    return network;
  }

  #carry(page: net.Socket, serverPort: number): void {
    if (this.#state === "cut") return void page.destroy();
    const server = net.connect(serverPort, "127.0.0.1");
    for (const socket of [page, server]) {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    page.on("data", (chunk) => void server.write(chunk));
    server.on("data", (chunk) => {
      if (this.#state === "up") page.write(chunk);
    });
    page.on("close", () => server.destroy());
    server.on("close", () => page.destroy());
  }

  /** Every connection breaks, and none can be made until restore(). */
  cut(): void {
    this.#state = "cut";
    for (const socket of this.#sockets) socket.destroy();
  }

  /** Requests still reach the server; its answers are lost. */
  deafen(): void {
    this.#state = "deaf";
  }

  restore(): void {
    this.#state = "up";
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.#relay.close(() => resolve()));
  }
}
