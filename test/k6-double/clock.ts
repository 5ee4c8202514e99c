// The k6 TEST DOUBLE's compressible clock. With a time scale F (0 < F <= 1) the double runs every
// schedule F times as fast: virtual time = origin + (real time - origin) / F. The controller and
// every VU thread build the same clock from the same origin and scale, so they agree on it.
// HTTP timings are measured on the real clock (performance.now) and are not scaled.

export interface ClockSpec {
  /** Real wall-clock time (epoch ms) at which virtual and real time coincide. */
  originMs: number;
  /** F: real seconds per virtual second. 1 = real time. */
  scale: number;
}

function realNowMs(): number {
  return performance.timeOrigin + performance.now();
}

export class VirtualClock {
  constructor(readonly spec: ClockSpec) {
    if (!(spec.scale > 0 && spec.scale <= 1)) throw new Error(`k6 double: time scale must be in (0, 1], got ${spec.scale}`);
  }

  /** Virtual epoch milliseconds. */
  now(): number {
    return this.spec.originMs + (realNowMs() - this.spec.originMs) / this.spec.scale;
  }

  /** Real milliseconds that `virtualMs` of virtual time take. */
  toRealMs(virtualMs: number): number {
    return virtualMs * this.spec.scale;
  }
}

/**
 * Makes `Date.now()` and `new Date()` (no arguments) read the virtual clock in this thread, as
 * the script sees time. Dates built from explicit values are unchanged.
 */
export function installVirtualDate(clock: VirtualClock): void {
  if (clock.spec.scale === 1) return;
  const RealDate = Date;
  class VirtualDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(Math.floor(clock.now()));
      else super(...(args as [string]));
    }
    static override now(): number {
      return Math.floor(clock.now());
    }
  }
  // Date called as a function returns a string of the current time.
  const callable = new Proxy(VirtualDate, {
    apply: () => new VirtualDate().toString(),
  });
  globalThis.Date = callable as DateConstructor;
}
