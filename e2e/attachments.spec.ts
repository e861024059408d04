import type { Page } from "@playwright/test";
import * as files from "../test/fixtures/files";
import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";

// Attachments across the desk and the portal (DESIGN §7): files sent with an
// internal note never reach the requester, not on the page and not by URL;
// a requester's file reaches the agent with download headers that keep the
// browser from rendering it.

const attachments = (page: Page) => page.getByRole("region", { name: "Attachments" });
const replyFiles = (page: Page) => page.getByRole("list", { name: "Message files" });

async function openTicket(page: Page, path: string) {
  await page.goto(path, { waitUntil: "networkidle" });
}

test("[attachments] agent's internal-note PDF stays hidden from the requester; the requester's PNG reply reaches the agent", async ({ as }) => {
  const suffix = uniqueSuffix();
  const requester = await as(USERS.acmeRequester);
  const number = await createSupportRequest(requester, { title: `Monitor flickers ${suffix}`, description: "Since the update." });
  const note = `Vendor confirms a firmware bug, see the PDF (${suffix})`;
  const pdfName = `firmware-analysis-${suffix}.pdf`;
  const pngName = `flicker-${suffix}.png`;

  const agent = await as(USERS.acmeAgent);
  let pdfUrl = "";
  await test.step("agent sends an internal note with a PDF", async () => {
    await openTicket(agent, `/tickets/${number}`);
    await agent.getByLabel("Reply").fill(note);
    await agent.getByLabel("Internal note").check();
    await agent.getByLabel("Add files to message").setInputFiles({ name: pdfName, mimeType: "application/pdf", buffer: files.pdf(suffix) });
    await expect(replyFiles(agent).getByRole("listitem").filter({ hasText: pdfName })).toContainText("Ready");
    await agent.getByRole("button", { name: "Send" }).click();

    const noteItem = agent.getByRole("list", { name: "Conversation" }).getByRole("listitem").filter({ hasText: note });
    await expect(noteItem.getByRole("link", { name: pdfName })).toBeVisible();
    await expect(agent.getByLabel("Reply")).toHaveValue("");
    await expect(agent.getByRole("list", { name: "Message files" })).toHaveCount(0);
    const listed = attachments(agent).getByRole("listitem").filter({ hasText: pdfName });
    await expect(listed).toContainText("Internal note");
    await expect(listed).toContainText("Sam Agent");
    pdfUrl = (await listed.getByRole("link", { name: pdfName }).getAttribute("href"))!;
    expect(pdfUrl).toMatch(/^\/api\/attachments\/[0-9a-f-]{36}$/);
    expect((await agent.request.get(pdfUrl)).status()).toBe(200);
  });

  await test.step("the requester sees neither the note nor the file, and the file's URL is not found for them", async () => {
    await openTicket(requester, `/portal/tickets/${number}`);
    await expect(requester.getByRole("heading", { level: 1 })).toContainText("Monitor flickers");
    await expect(attachments(requester)).toContainText("No files yet.");
    expect(await requester.content()).not.toContain(pdfName);
    expect(await requester.content()).not.toContain(note);
    const direct = await requester.request.get(pdfUrl);
    expect(direct.status()).toBe(404);
    expect(await direct.text()).not.toContain("%PDF");
    const preview = await requester.request.get(`${pdfUrl}?inline=1`);
    expect(preview.status()).toBe(404);
  });

  await test.step("the requester replies with a PNG, shown under the reply with a thumbnail", async () => {
    await requester.getByLabel("Reply").fill("Here is a photo of the flicker.");
    await requester.getByLabel("Add files to message").setInputFiles({ name: pngName, mimeType: "image/png", buffer: files.png(64, 40, [14, 116, 144]) });
    await expect(replyFiles(requester).getByRole("listitem").filter({ hasText: pngName })).toContainText("Ready");
    await requester.getByRole("button", { name: "Send" }).click();
    const reply = requester.getByRole("list", { name: "Conversation" }).getByRole("listitem").filter({ hasText: "Here is a photo of the flicker." });
    await expect(reply.getByRole("link", { name: pngName })).toBeVisible();
    const thumb = attachments(requester).getByRole("listitem").filter({ hasText: pngName }).locator("img");
    await expect(thumb).toHaveJSProperty("complete", true);
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
    await requester.evaluate(() => window.scrollTo(0, 0));
    await requester.screenshot({ path: "test-results/screens/attachments-portal.png", fullPage: true });
  });

  await test.step("the agent sees the PNG and downloads it as an attachment that is never sniffed", async () => {
    await openTicket(agent, `/tickets/${number}`);
    const listed = attachments(agent).getByRole("listitem").filter({ hasText: pngName });
    await expect(listed).toContainText("Rita Requester");
    await expect(attachments(agent).getByRole("listitem").filter({ hasText: pdfName })).toBeVisible();
    const [download] = await Promise.all([agent.waitForEvent("download"), listed.getByRole("link", { name: pngName }).click()]);
    expect(download.suggestedFilename()).toBe(pngName);
    const res = await agent.request.get((await listed.getByRole("link", { name: pngName }).getAttribute("href"))!);
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expect(headers["content-type"]).toBe("image/png");
    expect(headers["content-disposition"]).toBe(`attachment; filename="${pngName}"; filename*=UTF-8''${pngName}`);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["cache-control"]).toMatch(/^private/);
    expect((await res.body()).subarray(0, 8)).toEqual(files.png().subarray(0, 8));
    await agent.evaluate(() => window.scrollTo(0, 0));
    await agent.screenshot({ path: "test-results/screens/attachments-desk.png", fullPage: true });
  });
});

test("[attachments] several files at once: progress per file, refusals next to the file, drop onto the ticket", async ({ as }) => {
  const suffix = uniqueSuffix();
  const requester = await as(USERS.acmeRequester);
  const number = await createSupportRequest(requester, { title: `Upload checks ${suffix}` });
  await openTicket(requester, `/portal/tickets/${number}`);

  await test.step("a slow upload shows its progress bar while a renamed program and an oversized file are refused", async () => {
    // Slow the network so the progress state can be seen (and photographed).
    const cdp = await requester.context().newCDPSession(requester);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 200 * 1024 });
    await requester.getByLabel("Attach files", { exact: true }).setInputFiles([
      { name: `server-${suffix}.log`, mimeType: "text/plain", buffer: Buffer.alloc(1536 * 1024, "log line\n") },
      { name: "invoice.pdf", mimeType: "application/pdf", buffer: files.exe() },
      { name: "backup.txt", mimeType: "text/plain", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, "a") },
      { name: "tool.exe", mimeType: "application/octet-stream", buffer: files.exe() },
    ]);
    const uploads = attachments(requester).getByRole("list", { name: "Uploads" });
    await expect(uploads.getByRole("progressbar", { name: `Uploading server-${suffix}.log` })).toBeVisible();
    await expect(uploads.getByRole("listitem").filter({ hasText: "invoice.pdf" })).toContainText("Programs and other executable files cannot be attached, whatever their name.");
    await expect(uploads.getByRole("listitem").filter({ hasText: "backup.txt" })).toContainText("File is larger than 10 MB");
    await expect(uploads.getByRole("listitem").filter({ hasText: "tool.exe" })).toContainText(".exe files are not allowed.");
    await requester.screenshot({ path: "test-results/screens/attachments-uploading.png", fullPage: true });

    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await expect(attachments(requester).getByRole("link", { name: `server-${suffix}.log` })).toBeVisible({ timeout: 30_000 });
    // The refusals stay next to their files until dismissed; nothing refused was stored.
    await expect(uploads.getByRole("listitem")).toHaveCount(3);
    await expect(attachments(requester).getByRole("link", { name: "invoice.pdf" })).toHaveCount(0);
    await requester.screenshot({ path: "test-results/screens/attachments-errors.png", fullPage: true });
    await uploads.getByRole("button", { name: "Remove tool.exe" }).click();
    await expect(uploads.getByRole("listitem")).toHaveCount(2);
  });

  await test.step("a file dropped on the zone is attached to the ticket", async () => {
    const dataTransfer = await requester.evaluateHandle((name) => {
      const dt = new DataTransfer();
      dt.items.add(new File(["dropped,csv\n1,2\n"], name, { type: "text/csv" }));
      return dt;
    }, `dropped-${suffix}.csv`);
    await requester.getByTestId("drop-zone-ticket").dispatchEvent("drop", { dataTransfer });
    await expect(attachments(requester).getByRole("link", { name: `dropped-${suffix}.csv` })).toBeVisible();
    await expect(requester.getByRole("region", { name: "History" })).toContainText(`attached dropped-${suffix}.csv`);
  });
});

test("[attachments] a requester removes their own file (not the agent's); the history says so on both sides", async ({ as }) => {
  const suffix = uniqueSuffix();
  const requester = await as(USERS.acmeRequester);
  const number = await createSupportRequest(requester, { title: `Wrong file ${suffix}` });
  const mine = `passwords-${suffix}.txt`;
  const theirs = `guide-${suffix}.pdf`;

  const agent = await as(USERS.acmeAgent);
  await openTicket(agent, `/tickets/${number}`);
  await agent.getByLabel("Attach files", { exact: true }).setInputFiles({ name: theirs, mimeType: "application/pdf", buffer: files.pdf(suffix) });
  await expect(attachments(agent).getByRole("link", { name: theirs })).toBeVisible();

  await openTicket(requester, `/portal/tickets/${number}`);
  await requester.getByLabel("Attach files", { exact: true }).setInputFiles({ name: mine, mimeType: "text/plain", buffer: Buffer.from("wifi: hunter2\n") });
  const row = attachments(requester).getByRole("listitem").filter({ hasText: mine });
  await expect(row.getByRole("link", { name: mine })).toBeVisible();
  await expect(attachments(requester).getByRole("listitem").filter({ hasText: theirs }).getByRole("button", { name: `Remove ${theirs}` })).toHaveCount(0);

  await row.getByRole("button", { name: `Remove ${mine}` }).click();
  await expect(row.getByRole("group", { name: `Remove ${mine}?` })).toBeVisible();
  await requester.screenshot({ path: "test-results/screens/attachments-remove.png", fullPage: true });
  await row.getByRole("button", { name: "Remove file" }).click();
  await expect(attachments(requester).getByRole("link", { name: mine })).toHaveCount(0);
  await expect(attachments(requester).getByRole("link", { name: theirs })).toBeVisible();
  await expect(requester.getByRole("region", { name: "History" })).toContainText(`removed ${mine}`);

  await openTicket(agent, `/tickets/${number}`);
  await expect(attachments(agent).getByRole("link", { name: mine })).toHaveCount(0);
  await expect(agent.getByRole("region", { name: "History" })).toContainText(`Rita Requester removed ${mine}`);
});
