// Under the phase bar: how the game runs now — turns, the timer, dealing a pitfall.
import { useTableStore } from "../../store/table-store.ts";
import { DealPitfall } from "./DealPitfall.tsx";
import { TimerPanel } from "./TimerPanel.tsx";
import { TurnOrder } from "./TurnOrder.tsx";

export function PlayControls() {
  const hasTable = useTableStore((s) => s.table !== null);
  if (!hasTable) return null;
  return (
    // A plain block: each part is its own headed section, and a participant may see none of them.
    <div className="play-controls">
      <TurnOrder />
      <TimerPanel />
      <DealPitfall />
    </div>
  );
}
