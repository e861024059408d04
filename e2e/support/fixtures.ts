import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export { expect };

/** Demo accounts (DESIGN §11); all share the demo password. */
export const DEMO_PASSWORD = "demo-password-1";
export const USERS = {
  acmeAdmin: "admin@acme.test",
  acmeAgent: "agent@acme.test",
  acmeRequester: "requester@acme.test",
  acmeRequester2: "requester2@acme.test",
  globexAdmin: "admin@globex.test",
  globexAgent: "agent@globex.test",
  globexRequester: "requester@globex.test",
} as const;

export const GENERIC_SIGN_IN_ERROR = "Invalid email or password.";

/** A suffix that keeps titles unique across runs on a reused server. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Fills and submits the sign-in form; does not wait for where it lands. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the form and waits for the start page (/desk for staff, /portal otherwise). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await submitSignIn(page, email, password);
  await page.waitForURL(/\/(desk|portal)$/);
}

/** The message shown under a form field, through the field's aria-describedby. */
export async function expectFieldError(page: Page, label: string, message: string | RegExp): Promise<void> {
  await expect(page.getByLabel(label, { exact: true })).toHaveAccessibleDescription(message);
}

/** The sign-in form's alert (Next's route announcer is also role=alert). */
export function signInAlert(page: Page) {
  return page.locator("form").getByRole("alert");
}

/** Creates a support request on /portal/new as the signed-in user; returns its number. */
export async function createSupportRequest(
  page: Page,
  input: { title: string; description?: string; priority?: "Low" | "Normal" | "High" | "Critical" },
): Promise<string> {
  await page.goto("/portal/new");
  await page.getByLabel("Request type").selectOption({ label: "Support request" });
  await page.getByLabel("Title", { exact: true }).fill(input.title);
  await page.getByLabel("Description").fill(input.description ?? "");
  await page.getByLabel("Priority").selectOption({ label: input.priority ?? "Normal" });
  await page.getByRole("button", { name: "Create request" }).click();
  await page.waitForURL(/\/portal\/tickets\/SUP-\d+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
}

/** Picks the target asset on a change form by typing its tag (the picker asks GET /api/assets/search). */
export async function pickTargetAsset(page: Page, tag = "SRV-001"): Promise<void> {
  const picker = page.getByRole("combobox", { name: "Target asset" });
  await picker.fill(tag);
  await page.getByRole("listbox", { name: "Asset suggestions" }).getByRole("option", { name: new RegExp(`^${tag} · `) }).click();
  await expect(picker).toHaveValue(new RegExp(`^${tag} · `));
}

/** The number in SUP-N. */
export function seqOf(number: string): number {
  return Number(number.split("-").pop());
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

interface Fixtures {
  /** A page in a fresh browser context signed in as `email` (one session per user per worker). */
  as: (email: string) => Promise<Page>;
  /** A page in a fresh, signed-out browser context. */
  anonymous: () => Promise<Page>;
  /** Every response with status ≥ 500 seen by this test's pages; the test fails if any. */
  serverErrors: string[];
  /** Opens a page in a new browser context (closed after the test), optionally with a session. */
  contexts: (storageState?: StorageState) => Promise<Page>;
}

interface WorkerFixtures {
  sessions: Map<string, StorageState>;
}

async function sessionFor(browser: Browser, sessions: Map<string, StorageState>, baseURL: string, email: string): Promise<StorageState> {
  const cached = sessions.get(email);
  if (cached) return cached;
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  const state = await context.storageState();
  await context.close();
  sessions.set(email, state);
  return state;
}

function trackServerErrors(target: Page | BrowserContext, errors: string[]) {
  target.on("response", (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  sessions: [async ({}, use) => use(new Map()), { scope: "worker" }],

  serverErrors: [
    async ({}, use) => {
      const errors: string[] = [];
      await use(errors);
      expect(errors, "no request may answer 5xx").toEqual([]);
    },
    { auto: true },
  ],

  page: async ({ page, serverErrors }, use) => {
    trackServerErrors(page, serverErrors);
    await use(page);
  },

  contexts: async ({ browser, baseURL, serverErrors }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (storageState) => {
      const context = await browser.newContext({ baseURL, storageState });
      trackServerErrors(context, serverErrors);
      opened.push(context);
      return context.newPage();
    });
    for (const c of opened) await c.close();
  },

  as: async ({ browser, sessions, baseURL, contexts }, use) => {
    await use(async (email) => contexts(await sessionFor(browser, sessions, baseURL!, email)));
  },

  anonymous: async ({ contexts }, use) => {
    await use(() => contexts());
  },
});
