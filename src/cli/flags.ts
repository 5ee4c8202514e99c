import { Args, Flags } from '@oclif/core';

export const specArg = Args.string({
  name: 'SPEC',
  description: 'OpenAPI/Swagger file (JSON or YAML); defaults to "spec" in the config.',
  required: false,
});

export const jsonFlag = Flags.boolean({ summary: 'Print machine-readable JSON instead of text.', default: false });

export const planFlags = {
  'base-url': Flags.string({ summary: 'Base URL the scripts use when BASE_URL is not set.' }),
  types: Flags.string({ summary: 'Test types to generate (comma-separated): load, stress, spike, soak, mixed, workflow.', multiple: true }),
  include: Flags.string({ summary: 'Only these operations: operationId, tag:NAME or "METHOD /path/glob". Repeatable.', multiple: true }),
  exclude: Flags.string({ summary: 'Leave out these operations (same forms as --include). Repeatable.', multiple: true }),
  users: Flags.integer({
    summary: 'Users of every test type: load, mixed and soak derive their request rate from them; stress starts and recovers at them; spike jumps from them to five times as many; workflows run that many at once.',
    min: 1,
  }),
  duration: Flags.string({
    summary: 'Length of each test type\'s main phase: the hold of load, mixed, soak and workflow tests, the stepping of stress, the spike of spike tests. Seconds or 90s, 5m, 1h.',
  }),
  rps: Flags.string({ summary: 'Request rate offered by load, mixed and soak tests (requests/s); their users are sized from it. Not used by stress, spike or workflows.' }),
  'time-scale': Flags.string({
    summary: 'Default time scale of the scripts: every stage, start and judged window is multiplied by it (0.05 = 20 times shorter; think time and latency limits stay). At run time: TIME_SCALE=… (k6, Locust), -JtimeScale=… (JMeter).',
  }),
};
