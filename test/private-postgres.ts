import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/*
 * A PostgreSQL server of a test's own — initdb into a temporary folder, on a free port — that
 * the test may stop, crash and restart without touching the shared server other tests use.
 * PostgreSQL refuses to run as root, so as root its commands run as the `postgres` user.
 */

/** The folder holding initdb and pg_ctl, or null when PostgreSQL's server binaries are not installed. */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(root, version, "bin")));
  }
  candidates.push("/usr/local/bin", "/usr/bin");
  return candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) ?? null;
}

export type PrivatePostgres = {
  /** Connection string of the server's `postgres` database, as the superuser. */
  url: string;
  port: number;
  start: () => void;
  /** `immediate` is a crash: no checkpoint, connections cut; recovery replays the WAL on start. */
  stop: (mode: "fast" | "immediate") => void;
  /** Stops the server (if running) and removes its folder. */
  destroy: () => void;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(bin: string): Promise<PrivatePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attune-private-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    fs.chownSync(dir, uid, gid);
  }
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, command), ...args]] : [path.join(bin, command), args];
    execFileSync(file, argv, { cwd: dir, stdio: "pipe", timeout: 120_000 });
  };

  const port = await freePort();
  let running = false;
  run("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const options = [`-p ${port}`, "-c listen_addresses=127.0.0.1", `-c unix_socket_directories=${dir}`, "-c max_connections=40"].join(" ");
  const start = () => {
    run("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "120", "start"]);
    running = true;
  };
  const stop = (mode: "fast" | "immediate") => {
    run("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "120", "stop"]);
    running = false;
  };
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: () => {
      try {
        if (running) stop("immediate");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
