import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  images: { unoptimized: true },
  poweredByHeader: false,
  // The Prisma client and pg stay server-side Node modules.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs"],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
