// The facilitator's hand on the pace of play, in the facilitator's tools: start a timer, deal a pitfall.
// (Turns are shown to everyone beside the hand; a running timer's controls sit next to its clock in the header.)
import { DealPitfall } from "./DealPitfall.tsx";
import { TimerStartForm } from "./TimerControls.tsx";

export function PlayControls() {
  return (
    <>
      <TimerStartForm />
      <DealPitfall />
    </>
  );
}
