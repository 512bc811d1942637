// The table as the browser receives it (the synced schema's JSON), and the shape the components read.
import type { CardFace, ParticipantView, PublicTable } from "../../../shared/view.ts";

export type { CardFace };

export interface SeatView extends ParticipantView {
  connected: boolean;
}

/** The synced state: the public table, every participant's presence, and my own hand. */
export interface TableView extends Omit<PublicTable, "participants"> {
  participants: SeatView[];
  myHand: CardFace[];
}

export type ConnectionStatus = "idle" | "connecting" | "connected" | "reconnecting" | "offline";

/** Converts the schema's JSON into the view: participants in order of arrival, my hand picked out. */
export function toTableView(json: Record<string, unknown>, myId: string | null): TableView {
  const raw = json as unknown as Omit<PublicTable, "participants" | "framingChallenge"> & {
    participants?: Record<string, SeatView & { hand?: CardFace[] }>;
    framingChallenge?: CardFace;
  };
  const seats = Object.values(raw.participants ?? {}).sort((a, b) => a.joinedAt - b.joinedAt);
  const me = myId ? raw.participants?.[myId] : undefined;
  return {
    ...raw,
    framingChallenge: raw.framingChallenge?.id ? raw.framingChallenge : null,
    path: raw.path ?? [],
    piles: raw.piles ?? { challenge: 0, lever: 0, pitfall: 0 },
    participants: seats.map(({ hand: _hidden, ...seat }) => seat),
    myHand: me?.hand ?? [],
  };
}
