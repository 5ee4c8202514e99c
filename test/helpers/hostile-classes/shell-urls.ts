import fc from 'fast-check';
import { SHELL_PAYLOADS } from '../hostile-strings.js';
import type { SpecVersion } from './types.js';
import type { JsonObject, SpecPart } from './types.js';

/**
 * Server URLs, and Swagger 2 hosts and base paths, holding text sh acts on: `$(…)`, backticks,
 * `;`, `|`, `&`, quotes, redirections, globs, newlines. Loopback URLs (and relative ones, put on
 * localhost), so the run commands of PLAN.md carry them: each must reach the engine as one
 * argument, and pasting a command into sh must run nothing else. An operation has servers of its
 * own with such text too.
 */

/** Shell text: 1-4 payloads, sometimes with the run's hostile text between them. */
export function shellText(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const piece = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SHELL_PAYLOADS) }, { weight: 1, arbitrary: text });
  return fc.array(piece, { minLength: 1, maxLength: 4 }).map((pieces) => pieces.join(''));
}

function oas3Servers(shell: fc.Arbitrary<string>): fc.Arbitrary<JsonObject[]> {
  return fc.oneof(
    shell.map((s) => [{ url: `http://127.0.0.1:8080/${s}` }]),
    shell.map((s) => [{ url: `//127.0.0.1:8080/${s}` }]),
    // A variable's default is put into the URL.
    shell.map((s) => [{ url: 'http://localhost:8080/{v}', variables: { v: { default: s } } }]),
    // Shaped like a host, so relative: perfplan puts it on http://localhost:8080/.
    fc.tuple(fc.constantFrom('api.example.com', 'example.com:443', 'localhost:8080', ''), shell).map(([host, s]) => [{ url: `${host}${s}` }]),
  );
}

function swagger2Top(shell: fc.Arbitrary<string>): fc.Arbitrary<JsonObject> {
  const host = fc.oneof(fc.constantFrom('127.0.0.1:8080', 'localhost'), shell.map((s) => `localhost${s}`), shell.map((s) => `127.0.0.1:8080${s}`));
  const schemes = fc.constantFrom('http', 'https,http', 'http,https').map((list) => list.split(','));
  return fc.record({ host, basePath: shell.map((s) => `/${s}`), schemes });
}

/**
 * An operation with servers of its own (path- and operation-level `servers`), shell text in their
 * URLs: a loopback one (its scripts use the default) or a remote one (its variable must be set).
 */
function ownServerOperation(shell: fc.Arbitrary<string>): fc.Arbitrary<NonNullable<SpecPart['operations']>> {
  const url = fc.oneof(shell.map((s) => `http://127.0.0.1:9100/${s}`), shell.map((s) => `https://uploads.example.com/${s}`), shell.map((s) => `/${s}`));
  return fc.tuple(url, shell).map(([server, s]) => [
    {
      path: '/own-server/{id}',
      method: 'post',
      operation: { operationId: `ownServer${s.length}`, servers: [{ url: server }], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', example: s } }], responses: { '201': { description: s } } },
    },
  ]);
}

export function shellUrlsPart(text: fc.Arbitrary<string>, version: SpecVersion): fc.Arbitrary<SpecPart> {
  const shell = shellText(text);
  return version === 'oas3' ? fc.tuple(oas3Servers(shell), ownServerOperation(shell)).map(([servers, operations]) => ({ servers, operations })) : swagger2Top(shell).map((top) => ({ top }));
}
