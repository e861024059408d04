import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor, organizationTimeZone } from "@/lib/auth/guards";
import { listOrganizationTokens, ORGANIZATION_TOKENS_PAGE } from "@/lib/domain/api-tokens/tokens";
import { readTokensPage } from "@/lib/validation/api-tokens";
import { PageHeader } from "@/components/layout/app-shell";
import { TokenTable } from "@/components/tokens/token-table";
import { tokenRows } from "@/components/tokens/rows";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "API tokens" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Every personal access token of the organization, newest first, 50 a page (the layout answers 404 without org.manage). */
export default async function AdminTokensPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await adminPageActor();
  // A malformed ?before= reads as the first page.
  const { before } = readTokensPage(await searchParams);
  const now = new Date();
  const [page, timeZone] = await Promise.all([listOrganizationTokens(actor, { before }, now), organizationTimeZone(actor)]);
  return (
    <>
      <PageHeader
        title="API tokens"
        description={`The personal access tokens of everyone in your organization, newest first, ${ORGANIZATION_TOKENS_PAGE} a page. Each acts as its owner with the owner’s permissions; revoke one that should no longer work.`}
      />
      <div className="space-y-4">
        <TokenTable caption="Organization API tokens" rows={tokenRows(page.rows, timeZone, now)} empty={before ? "No older tokens." : "Nobody in your organization has an API token."} withOwner />
        <nav aria-label="API token pages" className="flex justify-between gap-2">
          {before ? (
            <Link href="/admin/tokens" className={buttonClass("secondary")}>
              <span aria-hidden>←</span> Newest
            </Link>
          ) : (
            <span />
          )}
          {page.nextBefore ? (
            <Link href={`/admin/tokens?before=${page.nextBefore}`} className={buttonClass("secondary")}>
              Older <span aria-hidden>→</span>
            </Link>
          ) : null}
        </nav>
      </div>
    </>
  );
}
