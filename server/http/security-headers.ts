// Security headers on every response Express sends (pages, assets, API): helmet, with a policy written for this app.
import helmet from "helmet";

/**
 * The app's Content-Security-Policy. Its scripts and styles are the files Vite builds (no inline <script>; React and
 * framer-motion set styles through the DOM, which style-src does not govern); the favicon is a data: URL; the
 * WebSocket goes back to the page's own host, which 'self' covers (CSP 3). Exports set a stricter policy of their own.
 */
export const APP_POLICY = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  // The table lives in the page: nobody may frame it to trick a click (frame-ancestors is not covered by default-src).
  "frame-ancestors": ["'none'"],
};

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: APP_POLICY },
    // The secrets travel in the URL fragment (never sent), but a table's address itself stays with us.
    referrerPolicy: { policy: "no-referrer" },
    xFrameOptions: { action: "deny" },
    // HSTS belongs to whatever terminates TLS in front of the server: on a plain-http workshop laptop it would do
    // nothing, behind a proxy it is the proxy's call (and helmet's includeSubDomains could reach other sites).
    strictTransportSecurity: false,
  });
}
