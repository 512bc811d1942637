// framer-motion's animation features for the `m` components, imported apart and not awaited (see motion-root.tsx).
// domMax rather than domAnimation for the hand's layout animation (its cards slide into place when one leaves).
import { domMax } from "framer-motion";

export default domMax;
