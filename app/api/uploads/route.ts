import { after } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { sweepOccasionally } from "@/lib/domain/attachments/cleanup";
import { uploadResponse } from "@/lib/domain/attachments/http";

// Outside the proxy's matcher (proxy.ts): the body streams straight to disk and
// stops at the limit. The session, scope and permission are checked here.
export async function POST(request: Request): Promise<Response> {
  const response = await uploadResponse(await getActor(), request);
  // Uploads for replies never sent are removed after a day (cleanup.ts).
  after(() => sweepOccasionally());
  return response;
}
