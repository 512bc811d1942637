// The requests a table's connections send, each paced, parsed, authorized, then answered by the table's session: an
// action (the rules and the log, server/session/table-session.ts), who am I, the links to share again, a new
// participant link. Every refusal is a readable reply and is counted (countingRefusals).
import type { Client, MessageContext } from "@colyseus/core";
import {
  ACTION_REQUEST,
  actionRequestSchema,
  INVITE_LINK_REQUEST,
  ROTATE_INVITE_REQUEST,
  WHOAMI_REQUEST,
  type RefusalReply,
  type ShareLinks,
  type Whoami,
} from "#shared/protocol.ts";
import { countingRefusals, timeAction } from "../metrics.ts";
import { refusal, type TableSession } from "../session/table-session.ts";
import { paceKey, type Seat } from "./attendance.ts";
import type { Pacing } from "./connections.ts";

export type SeatClient = Client<{ userData: Seat }>;

/** What the handlers reach of their room. */
export interface TableMessagesRoom {
  /** The table's session (opened in onCreate, after the handlers are made). */
  session(): TableSession;
  pacing: Pacing;
  /** Someone was taken off the table: their connections are closed (Attendance.dismissRemoved). */
  dismissRemoved(): void;
  /** Another copy of the table wrote since this one opened: everyone is sent back to rejoin where it lives. */
  sendEveryoneBack(): Promise<void>;
}

/** Who an observer's connection is, as its page is told. */
export const OBSERVER: Whoami = { participantId: null, facilitator: false, observer: true };

export function tableMessages(room: TableMessagesRoom) {
  const { pacing } = room;

  /** A request only the facilitator may make, paced like any other: its answer, or why not. */
  const facilitatorAsks =
    (answer: () => ShareLinks | RefusalReply | Promise<ShareLinks | RefusalReply>) =>
    async (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
      if (!(await pacing.seat(paceKey(client)))) return ctx.reject(refusal("tooFast"));
      const { observer, participantId } = client.userData ?? {};
      const refused = observer ? refusal("observerReadOnly") : room.session().facilitatorOnly(participantId);
      const answered = refused ?? (await answer());
      return "path" in answered ? answered : ctx.reject(answered);
    };

  return countingRefusals({
    // Parsed here rather than by Colyseus' validator, so a malformed payload gets a readable refusal too.
    [ACTION_REQUEST]: async (client: SeatClient, payload: unknown, ctx: MessageContext) => {
      const sent = timeAction();
      if (!(await pacing.action(paceKey(client)))) return ctx.reject(refusal("tooFast"));
      if (client.userData?.observer) return ctx.reject(refusal("observerReadOnly"));
      const actorId = client.userData?.participantId;
      if (!actorId) return ctx.reject(refusal("notSeated"));
      const request = actionRequestSchema.safeParse(payload);
      if (!request.success) return ctx.reject(refusal("invalidMessage"));
      const session = room.session();
      const { participants } = session.table;
      const reply = await session.act(actorId, request.data.id, request.data.action);
      // Sent back before any answer, so that their browsers rejoin where the table lives and send what waits again.
      if (session.stale) return void (await room.sendEveryoneBack());
      if (!("ok" in reply)) return ctx.reject(reply);
      // Someone taken off the table changes its participants (as does a hand that changed): most actions do not.
      if (session.table.participants !== participants) room.dismissRemoved();
      sent();
      return reply;
    },
    [WHOAMI_REQUEST]: async (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
      if (!(await pacing.seat(paceKey(client)))) return ctx.reject(refusal("tooFast"));
      if (client.userData?.observer) return OBSERVER;
      return room.session().whoami(client.userData?.participantId) ?? ctx.reject(refusal("notSeated"));
    },
    /** The participant and observer links, for a facilitator to share again after a reload. */
    [INVITE_LINK_REQUEST]: facilitatorAsks(() => room.session().shareLinks()),
    /**
     * A new participant link: the old one stops letting anyone in (someone removed, a link posted where it should not
     * be). People already seated keep their seat through their seat key.
     */
    [ROTATE_INVITE_REQUEST]: facilitatorAsks(() => room.session().rotateInvite()),
  });
}
