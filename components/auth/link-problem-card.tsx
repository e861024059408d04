import type { ReactNode } from "react";
import Link from "next/link";
import { LINK_PROBLEM_TEXT, type LinkProblem } from "@/lib/domain/users/link-tokens";
import { AuthCard } from "./auth-card";

export const authLinkClass = "font-medium text-brand-700 hover:underline";

/** The page of an e-mailed link that does not work (expired, used, replaced, not valid): why, what to do (`children`), and the way to sign in. */
export function LinkProblemCard({ problem, children }: { problem: LinkProblem; children: ReactNode }) {
  const { title, text } = LINK_PROBLEM_TEXT[problem];
  return (
    <AuthCard title={title} description={<p>{text}</p>}>
      <div className="space-y-2 text-sm">
        {children}
        <p>
          <Link href="/login" className={authLinkClass}>
            Go to sign in
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
