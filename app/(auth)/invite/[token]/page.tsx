import type { Metadata } from "next";
import { PasswordLinkPage } from "@/components/auth/password-link-page";

export const metadata: Metadata = { title: "Accept your invitation", robots: { index: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  return <PasswordLinkPage token={(await params).token} purpose="invite" />;
}
