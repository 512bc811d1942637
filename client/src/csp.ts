// Keeps the app within its Content-Security-Policy (no 'unsafe-eval', server/http/security-headers.ts): zod would
// otherwise probe `new Function` on its first parse to compile fast validators, which the policy reports as a violation.
// Imported first by main.tsx, before any schema is used.
import { z } from "zod";

z.config({ jitless: true });
