// Deterministic help-desk prose for the generator: 4,096 short phrases, joined
// by the SQL generator into titles, descriptions and comment bodies.

const VERBS = ["cannot open", "cannot reach", "keeps restarting", "is slow", "fails to sync", "shows an error", "stopped working", "needs access to", "cannot print to", "lost connection to", "requests a new", "wants to replace", "reports a problem with", "cannot log in to", "times out on", "crashes when opening", "needs an upgrade of", "cannot install", "cannot find", "asks about"];
const ADJECTIVES = ["shared", "main", "old", "new", "remote", "internal", "external", "primary", "backup", "corporate", "personal", "legacy", "wireless", "encrypted", "virtual", "mobile", "second", "team", "finance", "warehouse"];
const NOUNS = ["laptop", "printer", "mailbox", "calendar", "vpn", "database", "server", "monitor", "keyboard", "headset", "license", "account", "password", "badge", "phone", "tablet", "router", "switch", "firewall", "drive", "folder", "report", "invoice", "dashboard", "spreadsheet", "browser", "certificate", "backup", "cluster", "container", "pipeline", "deployment", "ticket", "queue", "portal", "website", "api", "token", "storage", "camera"];
const PLACES = ["in building b", "at the front desk", "in the branch office", "since this morning", "after the update", "after the last reboot", "for the whole team", "on the third floor", "when working from home", "during the nightly batch", "for new hires", "in meeting room 4", "on every monday", "since yesterday", "for the sales team", "in the warehouse", "at the data centre", "on the guest network", "for external partners", "in production"];
const OPENERS = ["hello", "hi team", "good morning", "please help", "urgent", "quick question", "follow up", "fyi", "thanks", "update"];
const ANSWERS = ["we restarted the service", "the cache was cleared", "a replacement is on its way", "the password was reset", "access has been granted", "the driver was reinstalled", "the ticket was escalated to the network team", "a workaround is documented in the knowledge base", "the vendor confirmed the issue", "the certificate was renewed", "please try again now", "we need a screenshot of the error", "the disk was expanded", "the firewall rule was added", "the mailbox quota was raised"];

/** mulberry32: a tiny seeded PRNG, so every run builds the same phrases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PHRASE_COUNT = 4096;

export function buildPhrases(count = PHRASE_COUNT): string[] {
  const rnd = prng(20261122);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 5) {
      case 0:
        out.push(`${pick(ADJECTIVES)} ${pick(NOUNS)} ${pick(VERBS)} ${pick(ADJECTIVES)} ${pick(NOUNS)}`);
        break;
      case 1:
        out.push(`user ${pick(VERBS)} the ${pick(NOUNS)} ${pick(PLACES)}`);
        break;
      case 2:
        out.push(`${pick(OPENERS)} ${pick(ANSWERS)}`);
        break;
      case 3:
        out.push(`${pick(NOUNS)} ${pick(VERBS)} ${pick(NOUNS)} ${pick(PLACES)}`);
        break;
      default:
        out.push(`${pick(ANSWERS)} ${pick(PLACES)}`);
    }
  }
  return out;
}
