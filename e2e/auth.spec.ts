import { test, expect, signIn, signInAlert, submitSignIn, uniqueSuffix, GENERIC_SIGN_IN_ERROR, USERS } from "./support/fixtures";
import { cloneUser, setUserActive } from "./support/db";

// Sign-in, sign-out and the gates in front of the staff surfaces.

test("[auth] a requester gets 404 on the desk and on staff ticket pages", async ({ as }) => {
  const page = await as(USERS.acmeRequester);
  for (const path of ["/desk", "/tickets/SUP-1"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  // Their own start page still works.
  expect((await page.goto("/"))?.status()).toBe(200);
  await expect(page).toHaveURL(/\/portal$/);
});

test("[auth] signed-out visitor of /desk is sent to /login", async ({ anonymous }) => {
  const page = await anonymous();
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await page.content()).not.toContain("Printer on floor 3");
});

test("[auth] wrong password and unknown e-mail show the same generic message and stay on /login", async ({ anonymous }) => {
  const page = await anonymous();
  await submitSignIn(page, USERS.acmeAgent, "not-the-password");
  await expect(signInAlert(page)).toHaveText(GENERIC_SIGN_IN_ERROR);
  await expect(page).toHaveURL(/\/login$/);

  await submitSignIn(page, `nobody-${uniqueSuffix()}@acme.test`, "demo-password-1");
  await expect(signInAlert(page)).toHaveText(GENERIC_SIGN_IN_ERROR);
  await expect(page).toHaveURL(/\/login$/);
  // Still signed out.
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/login/);
});

test("[auth] agent signs out and the desk asks for sign-in again", async ({ anonymous }) => {
  const page = await anonymous();
  await signIn(page, USERS.acmeAgent);
  await expect(page).toHaveURL(/\/desk$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("[auth] a deactivated user is refused at sign-in and their open session stops working", async ({ anonymous }) => {
  const email = `deactivated-${uniqueSuffix()}@acme.test`;
  await cloneUser(USERS.acmeRequester2, email, "Dee Activated");

  // A session opened while still active…
  const session = await anonymous();
  await signIn(session, email);
  await expect(session).toHaveURL(/\/portal$/);
  await expect(session.getByRole("heading", { name: "My requests" })).toBeVisible();

  await setUserActive(email, false);

  // …ends at the next navigation.
  await session.goto("/portal");
  await expect(session).toHaveURL(/\/login/);
  await session.goto("/portal/new");
  await expect(session).toHaveURL(/\/login/);
  await expect(session.getByLabel("Title", { exact: true })).toHaveCount(0);

  // A new sign-in with the right password fails like a wrong one.
  const fresh = await anonymous();
  await submitSignIn(fresh, email);
  await expect(signInAlert(fresh)).toHaveText(GENERIC_SIGN_IN_ERROR);
  await expect(fresh).toHaveURL(/\/login$/);
});
