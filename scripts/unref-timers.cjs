// Prisma's WASM schema engine leaves a 10 s timer behind; unref long timers so
// that migrate commands exit as soon as their work is done.
const original = global.setTimeout;
global.setTimeout = function patchedSetTimeout(fn, ms, ...rest) {
  const t = original(fn, ms, ...rest);
  if (typeof ms === "number" && ms >= 5000 && t && typeof t.unref === "function") t.unref();
  return t;
};
