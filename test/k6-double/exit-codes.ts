// Exit codes of the k6 TEST DOUBLE: k6's own (errext/exitcodes), plus 2 for a bad command line.
export const EXIT = {
  ok: 0,
  usage: 2,
  thresholdsFailed: 99,
  invalidConfig: 104,
  scriptException: 107,
  scriptAborted: 108,
  markedAsFailed: 110,
} as const;
