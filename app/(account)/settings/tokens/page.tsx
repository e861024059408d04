import type { Metadata } from "next";
import { organizationTimeZone, pageActor } from "@/lib/auth/guards";
import { listOwnTokens, REVOKED_SHOWN_MS } from "@/lib/domain/api-tokens/tokens";
import { MAX_ACTIVE_TOKENS } from "@/lib/validation/api-tokens";
import { PageHeader } from "@/components/layout/app-shell";
import { NewToken } from "@/components/tokens/new-token";
import { TokenTable } from "@/components/tokens/token-table";
import { tokenRows } from "@/components/tokens/rows";

export const metadata: Metadata = { title: "API tokens" };

const REVOKED_DAYS = Math.round(REVOKED_SHOWN_MS / (24 * 3600 * 1000));

/** The signed-in user's personal access tokens (at most MAX_ACTIVE_TOKENS active, and those revoked lately). */
export default async function ApiTokensPage() {
  const actor = await pageActor();
  const now = new Date();
  const [tokens, timeZone] = await Promise.all([listOwnTokens(actor, now), organizationTimeZone(actor)]);
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title="API tokens"
        description={
          <>
            A token lets a script or another system use the help desk’s API as you: it acts with your permissions, never more, and stops working when you revoke it. A read-only token refuses
            every change. How to call the API:{" "}
            <a href="/api/docs" className="font-medium text-brand-700 underline hover:no-underline">
              API documentation
            </a>
            .
          </>
        }
      />
      <div className="space-y-6">
        <NewToken />
        <TokenTable caption="Your API tokens" rows={tokenRows(tokens, timeZone, now)} empty="You have no API tokens yet." />
        <p className="text-xs text-slate-500">
          You may hold {MAX_ACTIVE_TOKENS} active tokens at once. Revoked tokens stay listed for {REVOKED_DAYS} days. Times are in {timeZone.replaceAll("_", " ")}.
        </p>
      </div>
    </div>
  );
}
