import { defineConfig } from 'perfplan';

// The project's own config: `npx perfplan generate` plans the bundled Petstore example.
export default defineConfig({
  spec: 'examples/petstore/openapi.yaml',
  output: 'perfplan-out',
  // Petstore's server is relative (/api/v3); a locally running Petstore listens here.
  baseUrl: 'http://localhost:8080/api/v3',
});
