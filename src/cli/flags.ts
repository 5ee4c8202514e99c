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
  users: Flags.integer({ summary: 'Virtual users for every profile.', min: 1 }),
  duration: Flags.string({ summary: 'Duration of every profile: seconds or 90s, 5m, 1h.' }),
};
