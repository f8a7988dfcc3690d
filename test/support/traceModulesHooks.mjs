/** The load hook of traceModules.mjs: posts each module URL it loads to the main thread. */
let port;
export function initialize(data) {
  port = data.port;
}
export async function load(url, context, next) {
  port.postMessage(url);
  return next(url, context);
}
