import { formatDateTime, zoneLabel } from "@/lib/dates";
import { shownPrefix, tokenStatus, TOKEN_SCOPE_LABELS, type TokenStatus } from "@/lib/validation/api-tokens";
import type { TokenSummary } from "@/lib/domain/api-tokens/tokens";

/** A time as the token tables show it, formatted on the server (no hydration drift): "2026-12-01 14:05", the zone on hover. */
export interface ShownTime {
  iso: string;
  text: string;
  title: string;
}

/** One row of /settings/tokens or /admin/tokens, in words. */
export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  created: ShownTime;
  lastUsed: ShownTime | null;
  expires: ShownTime | null;
  status: TokenStatus;
  owner?: { name: string; email: string; active: boolean };
}

/** The domain's summary (lib/domain/api-tokens/tokens.ts), with its owner on /admin/tokens. */
type Summary = TokenSummary & { user?: { name: string; email: string; active: boolean } };

function shown(date: Date, timeZone: string): ShownTime {
  return { iso: date.toISOString(), text: formatDateTime(date, timeZone), title: `${formatDateTime(date, timeZone)} ${zoneLabel(date, timeZone)}` };
}

/** The domain's summaries as rows, times in the viewer's zone (the organization's) and the status as of `now`. */
export function tokenRows(tokens: readonly Summary[], timeZone: string, now: Date): TokenRow[] {
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: shownPrefix(t.prefix),
    scope: TOKEN_SCOPE_LABELS[t.scope],
    created: shown(t.createdAt, timeZone),
    lastUsed: t.lastUsedAt ? shown(t.lastUsedAt, timeZone) : null,
    expires: t.expiresAt ? shown(t.expiresAt, timeZone) : null,
    status: tokenStatus(t, now),
    ...(t.user ? { owner: { name: t.user.name, email: t.user.email, active: t.user.active } } : {}),
  }));
}
