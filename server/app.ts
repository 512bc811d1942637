// Assembles the server: Colyseus with the table room, the HTTP API and the built client, on one port. With a cluster
// (REDIS_URL: server/cluster.ts), Colyseus' Redis presence and driver, and rooms opened in whichever process needs them.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { defineRoom, defineServer, matchMaker } from "@colyseus/core";
import { ClaimingTransport, SeatClaims } from "./http/seat-claims.ts";
import type { Logger } from "pino";
import { loadDecks } from "#cards/files.ts";
import { ROOM_NAME } from "#shared/protocol.ts";
import { WORKSHOP_ROOM_NAME } from "#shared/workshop.ts";
import type { Cluster } from "./cluster.ts";
import type { Config } from "./config.ts";
import { clientFiles, compressResponses } from "./http/client-files.ts";
import { errorReply, notFound } from "./http/errors.ts";
import { createHttpServer } from "./http/http-server.ts";
import { operationsRouter } from "./http/operations.ts";
import {
  closeMatchmakeRoutes,
  lockDownColyseus,
  MINUTE,
  perAddress,
  verifyWebSocketOrigin,
  type OriginPolicy,
} from "./http/protection.ts";
import { apiRouter } from "./http/routes.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { colyseusLogger, createLogger } from "./logger.ts";
import { keepGrownFullStateBuffer } from "./room/full-state-fix.ts";
import { tableRoomFor } from "./room/table-room.ts";
import { workshopRoomFor, workshopRoomOpener } from "./room/workshop-room.ts";
import { retentionSweep } from "./retention.ts";
import { tablesFor } from "./tables.ts";
import { workshopsFor } from "./workshops.ts";
import type { TableStore } from "./store/table-store.ts";

export interface AppOptions {
  config: Config;
  store: TableStore;
  logger?: Logger;
  /** Let the process handle SIGTERM itself (off in tests). */
  gracefullyShutdown?: boolean;
  /** Several processes sharing Redis (server/main.ts opens it when REDIS_URL is set); none: this process alone. */
  cluster?: Cluster;
}

export function createApp({
  config,
  store,
  logger = createLogger(config.logLevel),
  gracefullyShutdown = true,
  cluster,
}: AppOptions) {
  keepGrownFullStateBuffer();
  const decks = loadDecks();
  const creationTicket = randomBytes(32).toString("base64url");
  const origins: OriginPolicy = { publicOrigin: config.publicUrl, allowedOrigins: config.allowedOrigins };
  lockDownColyseus(origins);
  const allCards = [...decks.challenge.cards, ...decks.lever.cards, ...decks.pitfall.cards];
  const TableRoom = tableRoomFor({
    store,
    logger,
    creationTicket,
    limits: config.limits,
    retentionDays: config.retentionDays,
    reconnectSeconds: config.reconnectSeconds,
    kitCards: allCards,
  });
  const tables = tablesFor(store, allCards, creationTicket, cluster?.placement);
  const linkBase = config.publicUrl ?? `http://localhost:${config.port}`;
  const workshops = workshopsFor(store, tables, linkBase);
  const WorkshopRoom = workshopRoomFor({
    workshops,
    tables,
    logger,
    creationTicket,
    limits: config.limits,
    reconnectSeconds: config.reconnectSeconds,
  });
  const openWorkshopRoom = workshopRoomOpener(creationTicket, cluster?.placement);

  // Started by whoever runs the server once it listens (server/main.ts), stopped at shutdown.
  const retention = retentionSweep({ store, tables, retentionDays: config.retentionDays, logger });

  // A join's WebSocket opened alongside it takes its seat here, unless it may have reached another process.
  const seatClaims = cluster ? null : new SeatClaims();
  const server = defineServer({
    // Narrations can be long, French is multi-byte, and an imported deck file travels as one action (the kit's
    // challenges weigh 15 KB): well above the 4 KB default, still bounded.
    transport: new ClaimingTransport({
      seatClaims,
      maxPayload: 256 * 1024,
      verifyClient: verifyWebSocketOrigin(origins),
      server: closeMatchmakeRoutes(createHttpServer()),
    }),
    gracefullyShutdown,
    greet: false,
    // The browser's WebSocket goes to the process holding the room: its reservation names this address.
    ...(config.publicAddress && { publicAddress: config.publicAddress }),
    ...(cluster && {
      presence: cluster.presence,
      driver: cluster.driver,
      // A room opens in the process that needs it (the one a person reached), never sent to another: the creation
      // ticket is this process's own, and a room is opened only once its table is known to exist (server/placement.ts).
      selectProcessIdToCreateRoom: async () => matchMaker.processId,
    }),
    logger: colyseusLogger(logger),
    rooms: { [ROOM_NAME]: defineRoom(TableRoom), [WORKSHOP_ROOM_NAME]: defineRoom(WorkshopRoom) },
    express: (app) => {
      app.disable("x-powered-by");
      app.use(securityHeaders());
      app.use(compressResponses());
      // The client's address for the per-address limits: the socket's, or X-Forwarded-For through that many proxies.
      app.set("trust proxy", config.trustProxy);
      app.use(
        operationsRouter({
          store,
          metricsToken: config.metricsToken,
          retentionDays: config.retentionDays,
          metricsRateLimit: perAddress(config.limits.metricsPerMinute, MINUTE),
        }),
      );
      app.use(
        apiRouter({
          tables,
          workshops,
          openWorkshopRoom,
          decks,
          logger,
          linkBase,
          origins,
          limits: config.limits,
          seatClaims,
        }),
      );
      if (existsSync(config.clientDir)) {
        app.use(clientFiles(config.clientDir));
      } else {
        logger.warn({ clientDir: config.clientDir }, "no built client: run `npm run build`");
      }
      app.use(notFound, errorReply(logger));
    },
  });
  return Object.assign(server, { retention });
}
