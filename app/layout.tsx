import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Help desk", template: "%s · Help desk" },
  description: "Tickets, changes and boards for teams that support others.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
