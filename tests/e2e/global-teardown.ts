// After the whole run: the server's data folder (SQLite files of every table the suite opened) goes, so that runs leave
// nothing behind in the temporary folder.
import { rmSync } from "node:fs";

export default function globalTeardown(): void {
  const dataDir = process.env.E2E_DATA_DIR;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
