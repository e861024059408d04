// Prisma 6.19 with the JavaScript schema engine: the native migration engine
// is downloaded from a host these machines cannot reach (see STACK.md).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// `prisma generate` with no DATABASE_URL would try to download a query engine.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:54329/helpdesk";

// The pg adapter cannot decode some catalog column types the migration engine
// reads (prisma/orm#27403); report them as text / text[].
const AS_TEXT = new Set([18, 19, 22, 24, 194, 2205, 2206]);
const AS_TEXT_ARRAY = new Set([1002, 1003]);
type Field = { dataTypeID: number };
function patchFields(result: unknown) {
  const fields = (result as { fields?: Field[] } | null)?.fields;
  if (!Array.isArray(fields)) return result;
  for (const f of fields) {
    if (AS_TEXT.has(f.dataTypeID)) f.dataTypeID = 25;
    else if (AS_TEXT_ARRAY.has(f.dataTypeID)) f.dataTypeID = 1009;
  }
  return result;
}
class CatalogSafeClient extends pg.Client {
  // @ts-expect-error -- pg's overloads; we forward every form unchanged.
  query(...args: unknown[]) {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const cb = last as (err: unknown, res: unknown) => void;
      args[args.length - 1] = (err: unknown, res: unknown) => cb(err, err ? res : patchFields(res));
      // @ts-expect-error -- see above
      return super.query(...args);
    }
    // @ts-expect-error -- see above
    const out = super.query(...args);
    const maybe = out as unknown as Promise<unknown> | undefined;
    if (maybe && typeof maybe.then === "function") return maybe.then(patchFields);
    return out;
  }
}

function connectionConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  // Discrete fields: a connection string makes the shadow pool reach the main database (P3006).
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password) || undefined,
    database: u.pathname.slice(1),
    Client: CatalogSafeClient as unknown as typeof pg.Client,
    allowExitOnIdle: true,
  };
}

function adapterFactory() {
  const config = connectionConfig(process.env.DATABASE_URL!);
  const factory = new PrismaPg(config);
  // The stock shadow database is dropped while its pool still holds connections.
  factory.connectToShadowDb = async () => {
    const main = await factory.connect();
    const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...config, database }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  // The seed loads lib/ modules that import "server-only": resolve it (and
  // React) with the react-server condition, as Next's server bundles do.
  migrations: { path: "prisma/migrations", seed: "tsx --conditions=react-server prisma/seed.ts" },
  async adapter() {
    return adapterFactory();
  },
});
