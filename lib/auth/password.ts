import bcrypt from "bcryptjs";

// bcryptjs: a well-kept pure-JS bcrypt, no native build needed on these machines.
const ROUNDS = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, ROUNDS);
}

export function verifyPassword(plain: string, hash: string | null | undefined): Promise<boolean> {
  // Compare against a fixed hash when the user is unknown so both paths take the same time.
  return bcrypt.compare(plain, hash ?? DUMMY_HASH);
}

const DUMMY_HASH = "$2b$10$szQwc3FyPm66X8Nu6KKVgeVpl9d3egOHJKTnAloh.RfNjrXMchxHm";
