// Imported first by the load generator: the Colyseus SDK picks its WebSocket when it loads, the platform's
// (undici's, in Node) when there is one, else the `ws` package. The generator holds thousands of clients on one core,
// and undici's WebSocket costs it far more per message than `ws` (profiled at 200 × 10: its stalls, up to 1.5 s,
// delayed every sighting it measured). With `ws`, the server's clients and the floor's are the same client.
Reflect.deleteProperty(globalThis, "WebSocket");
