// What the browser uses of the Colyseus SDK, in a module of its own: net/connection.ts imports it lazily (it weighs a
// third of the join page otherwise), and naming what is used keeps the rest of the SDK out of the chunk.
export { Client } from "@colyseus/sdk";
