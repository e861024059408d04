// Which address a request comes from (scripts/server.mjs; TRUST_PROXY explained there).

export function trustedHops(raw = process.env.TRUST_PROXY) {
  if (!raw || raw === "false") return 0;
  if (raw === "true") return 1;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/** The client's address: the socket's, or the hops-th from the right of the trusted chain. */
export function clientAddress(forwardedFor, socketAddress, hops) {
  const socket = (socketAddress ?? "").replace(/^::ffff:/, "");
  if (hops === 0) return socket;
  const chain = String(forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  chain.push(socket);
  return chain[Math.max(0, chain.length - 1 - hops)] ?? socket;
}
