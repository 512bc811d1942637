// framer-motion's animation features for the `m` components, in a chunk of their own (see motion-root.tsx). domMax
// rather than domAnimation for the hand's layout animation (its cards slide into place when one leaves).
import { domMax } from "framer-motion";

export default domMax;
