import type { Metadata } from "next";
import { PasswordLinkPage } from "@/components/auth/password-link-page";

export const metadata: Metadata = { title: "Reset your password", robots: { index: false } };

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  return <PasswordLinkPage token={(await params).token} purpose="password_reset" />;
}
