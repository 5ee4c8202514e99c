/**
 * The harness sends traffic only to this machine: Prism, the recording proxy and every engine's
 * base URL are on the loopback range. Throws, naming `what`, for any other URL.
 */
export function assertLoopback(url: string, what: string): void {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    // host stays empty: not a URL, refused below
  }
  if (host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)) return;
  throw new Error(`${what} ${JSON.stringify(url)} is not on this machine (127.0.0.0/8, localhost or [::1]): the conformance harness sends nothing elsewhere`);
}
