import { dispatch } from "@/lib/api/v1/router";

// Every /api/v1 operation, routed by the registry (lib/api/v1/router.ts).
export const GET = (request: Request) => dispatch("GET", request);
export const POST = (request: Request) => dispatch("POST", request);
export const PUT = (request: Request) => dispatch("PUT", request);
export const PATCH = (request: Request) => dispatch("PATCH", request);
export const DELETE = (request: Request) => dispatch("DELETE", request);
