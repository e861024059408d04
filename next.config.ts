import type { NextConfig } from "next";
import { NON_PAGE_CSP, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  images: { unoptimized: true },
  poweredByHeader: false,
  // The Prisma client and pg stay server-side Node modules.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs"],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] },
      // JSON and files: nothing in them may run or be framed. Downloads set a
      // sandboxing policy of their own (lib/domain/attachments/http.ts), which a
      // header here would override.
      // (/api/docs is a page: it gets the proxy's page policy with its nonce.)
      { source: "/api/:path((?!attachments/|docs$).*)", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
    ];
  },
};

export default nextConfig;
