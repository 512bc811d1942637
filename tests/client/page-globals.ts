// What a page has done before the SDK's chunk loads: its entry chunk wraps the global WebSocket so that the SDK can be
// handed the join's own socket (client/src/net/seat-socket.ts). In this Node process the SDK is loaded once for every
// simulated page (tests/client/browser.ts), by whichever file imports it first: the wrapping comes first here too.
import "#client/net/seat-socket.ts";
