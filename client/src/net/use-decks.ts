// The kit's decks (challenge cards and their themes), fetched once per page and shared by every component that needs them.
import { useEffect, useState } from "react";
import { fetchDecks, type DecksResponse } from "./api.ts";

let request: Promise<DecksResponse> | null = null;

export interface DecksState {
  decks: DecksResponse | null;
  error: string | null;
}

export function useDecks(): DecksState {
  const [state, setState] = useState<DecksState>({ decks: null, error: null });
  useEffect(() => {
    let live = true;
    request ??= fetchDecks();
    request.then(
      (decks) => live && setState({ decks, error: null }),
      (error: Error) => {
        request = null; // try again next time
        if (live) setState({ decks: null, error: error.message });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** A theme's label from the kit, or its id when it came with an imported deck. */
export function themeLabel(decks: DecksResponse | null, themeId: string): string {
  return decks?.challenge.themes?.find((theme) => theme.id === themeId)?.label ?? themeId;
}
