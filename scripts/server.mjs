#!/usr/bin/env node
// The production server: Next's request handler behind a small Node HTTP
// server, so that the client's address comes from the socket. `next start`
// keeps an X-Forwarded-For the client sent itself, and the sign-in limit per
// address (lib/auth/throttle.ts) and the audit log's IPs would believe it.
//
// TRUST_PROXY: unset or 0 — nobody: the address is the socket's, and the
// forwarding headers a client sends are dropped. N (or "true" for 1) — N
// reverse proxies in front append to X-Forwarded-For: the client is the
// N-th address from the right.
import { createServer } from "node:http";
import next from "next";
import { ROOT } from "./embedded-pg.mjs";
import { clientAddress, trustedHops } from "./client-address.mjs";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";

const hops = trustedHops();
const app = next({ dev: false, dir: ROOT, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

let warned = false;
createServer((req, res) => {
  const forwarded = req.headers["x-forwarded-for"];
  if (forwarded && hops === 0 && !warned) {
    // Behind a reverse proxy without TRUST_PROXY every client shares the proxy's address.
    warned = true;
    console.warn("[server] requests carry X-Forwarded-For but TRUST_PROXY is unset: using the socket address. Behind a reverse proxy set TRUST_PROXY to the number of proxies.");
  }
  req.headers["x-forwarded-for"] = clientAddress(Array.isArray(forwarded) ? forwarded.join(",") : forwarded, req.socket.remoteAddress, hops);
  delete req.headers["x-real-ip"];
  if (hops === 0) {
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-port"];
  }
  handle(req, res);
})
  .on("error", (e) => {
    console.error(e);
    process.exit(1);
  })
  .listen(port, hostname, () => console.log(`▲ Ready on http://${hostname}:${port}`));
