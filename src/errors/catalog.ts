/** What a code means and what, in general, to do about it; the message of each error or diagnostic says the particulars. */
export interface CodeInfo {
  meaning: string;
  fix: string;
}

/**
 * Every code perfplan and its first-party plugins give an error or a diagnostic: the one list of
 * them (a test checks that every code the sources emit is here, and every code here is emitted).
 * Codes are stable: tools may match on them.
 */
export const ERROR_CATALOG = {
  // ---- the command line ------------------------------------------------------------------
  'usage/invalid-arguments': { meaning: 'The command line is missing an argument, or a flag has a value it does not take.', fix: "See the command's --help for its arguments and flags." },
  'usage/unknown-command': { meaning: 'The command is not a perfplan command.', fix: 'Run perfplan --help for the commands.' },
  'usage/unknown-flag': { meaning: 'A flag the command does not have.', fix: "Run the command with --help for its flags." },
  'usage/no-spec': { meaning: 'No OpenAPI spec was given on the command line, and no config names one.', fix: 'Pass the spec file, or set `spec` in a config (perfplan init writes one).' },
  'init/exists': { meaning: 'perfplan init would overwrite an existing config.', fix: 'Edit the config, or pass --force to replace it.' },
  'scaffold/invalid-name': { meaning: 'perfplan plugin new was given a NAME that cannot be part of an npm package name (perfplan-plugin-NAME).', fix: 'Use lower-case letters, digits and "-", without the perfplan-plugin- prefix.' },
  'scaffold/exists': { meaning: 'perfplan plugin new would write into a folder that is not empty.', fix: 'Pass another folder with -o, or --force to write into it (files of the same names are overwritten).' },
  'scaffold/not-a-folder': { meaning: 'The folder perfplan plugin new was to write is a file.', fix: 'Pass another folder with -o.' },
  'scaffold/unsafe-dir': { meaning: 'perfplan plugin new was to write into the filesystem root or the home folder.', fix: 'Pass a folder of its own with -o.' },
  'internal/unexpected': { meaning: 'An error perfplan did not expect: a bug in perfplan or in a plugin.', fix: 'Re-run with PERFPLAN_DEBUG=1 and report the output.' },

  // ---- config ----------------------------------------------------------------------------
  'config/not-found': { meaning: 'The config file given with --config does not exist or is not a file.', fix: 'Check the --config path, or leave it out to search the current folder.' },
  'config/load-failed': { meaning: 'The config file could not be loaded (a syntax error, or an error thrown while it runs).', fix: 'Fix the error in the config file.' },
  'config/missing-dependency': { meaning: 'The config file imports a package that is not installed where it can be found.', fix: 'Install the package in the project (npm i -D ...), or drop the import.' },
  'config/invalid': { meaning: 'The config has keys of the wrong type or shape, or several kinds of setting problems.', fix: 'Correct each key the message lists; defineConfig in perfplan.config.ts lets an editor check the config.' },
  'config/invalid-flag': { meaning: 'A command-line flag has a value perfplan cannot use.', fix: 'Give the flag a value of the kind the message says.' },
  'config/unknown-profile': { meaning: '`profiles` names a profile strategy no plugin registers.', fix: 'Use a registered strategy name, or add the plugin that registers it ("perfplan plugins" lists them).' },
  'config/unknown-engine': { meaning: '`engines` (or --engines) names a renderer no plugin registers.', fix: 'Use a registered renderer name, or add the plugin that renders that engine.' },
  'config/unknown-analyzer': { meaning: '`analyzers` names an analyzer no plugin registers.', fix: 'Use a registered analyzer name, or add the plugin that registers it.' },
  'config/unknown-renderer': { meaning: '`renderOptions` names a renderer no plugin registers.', fix: 'Use a registered renderer name, or add the plugin that registers it.' },
  'config/invalid-plugin-options': { meaning: "A plugin's options in the config do not match the options schema the plugin declares.", fix: 'Set the options as the plugin documents them (the message names the key and what the schema expects).' },
  'config/filter-matches-nothing': { meaning: 'An include or exclude filter matches no operation of the spec.', fix: 'Fix or remove the filter: an operationId, tag:NAME or "METHOD /path/glob" ("perfplan analyze --json" lists the operations).' },
  'config/workflow-unknown-operation': { meaning: 'A workflow declared in the config names an operationId the spec does not have.', fix: 'Use an operationId of the spec ("perfplan analyze --json" lists them).' },

  // ---- plugins ---------------------------------------------------------------------------
  'plugin/not-found': { meaning: 'A `plugins` entry names a package or file perfplan cannot find.', fix: 'Install the package in the project, or fix the path (relative to the config file).' },
  'plugin/invalid-name': { meaning: 'A `plugins` entry is neither an npm package name nor a path.', fix: 'Write a package name (csv, perfplan-plugin-csv, @scope/name) or a path (./plugins/x.js).' },
  'plugin/container-failed': { meaning: "A plugin's container module threw while perfplan loaded it.", fix: "Run with PERFPLAN_DEBUG=1 for the stack trace, and report it to the plugin's author." },
  'plugin/container-async': { meaning: "A plugin's container module returned a promise from load(); container modules load synchronously.", fix: 'Make load() synchronous: use rebind() and bind() (not rebindAsync), and create anything asynchronous inside the service itself.' },
  'plugin/invalid': { meaning: 'A plugin module exports no valid plugin, cannot be imported, or declares an options schema that does not compile.', fix: "Fix the module as the message says, or report it to the plugin's author." },
  'plugin/load-failed': { meaning: 'A plugin module threw while it was imported.', fix: 'Fix the error in the plugin module, or remove it from `plugins`.' },
  'plugin/missing-dependency': { meaning: 'A plugin imports a package that is not installed (often perfplan itself, for perfplan/plugin).', fix: 'Install the package in the project (npm i -D perfplan, or what the message names).' },
  'analyzer/failed': { meaning: 'An analyzer threw while it analysed the spec.', fix: "Run with PERFPLAN_DEBUG=1 for the stack trace, and report it to the analyzer's author." },
  'profile/failed': { meaning: 'A profile strategy threw while it planned test cases.', fix: "Run with PERFPLAN_DEBUG=1 for the stack trace, and report it to the strategy's author." },
  'renderer/failed': { meaning: 'A renderer threw, or returned something that is not files, while it rendered the plan.', fix: "Run with PERFPLAN_DEBUG=1 for the stack trace, and report it to the renderer's author." },
  'renderer/unsupported': { meaning: 'A renderer said it cannot render this plan and was skipped.', fix: 'The message says why; run the other engines, or change the plan (for example add operations).' },

  // ---- the spec: reading it --------------------------------------------------------------
  'spec/not-found': { meaning: 'The spec path does not exist, or is a folder.', fix: 'Give the path of the root spec file (relative to the current folder, or to the config file in `spec`).' },
  'spec/not-regular-file': { meaning: 'The spec path is a FIFO, device or socket: reading it could block or never end.', fix: 'Save the spec to a regular file first.' },
  'spec/unreadable': { meaning: 'The spec file exists but cannot be read.', fix: 'Check the file permissions.' },
  'spec/parse-error': { meaning: 'The spec is not valid YAML or JSON.', fix: 'Fix the syntax at the position the message gives.' },
  'spec/not-openapi': { meaning: 'The document is not an OpenAPI 3.x or Swagger 2.0 document.', fix: 'Point perfplan at the root document, the one with `openapi: 3.x` or `swagger: "2.0"`.' },
  'spec/unsupported-version': { meaning: 'The document declares an OpenAPI or Swagger version perfplan does not read.', fix: 'Convert it to OpenAPI 3.x (or Swagger 2.0), or fix the version field.' },
  'spec/too-large': { meaning: 'The spec file is larger than the size limit, so it was not read.', fix: 'Split it into files joined by $ref, or raise the limit the message names.' },
  'spec/too-deep': { meaning: 'The spec nests objects and arrays deeper than the limit, so it was not loaded.', fix: 'Check the file was generated correctly, or raise the limit the message names.' },
  'spec/alias-bomb': { meaning: 'YAML aliases in the spec expand it past the limit (an "alias bomb"), so it was not loaded.', fix: 'Use $ref instead of nested YAML aliases, or raise the limit the message names.' },
  'spec/recursive-alias': { meaning: 'A YAML alias refers to a node that encloses it, so the document is infinite.', fix: 'Replace the recursive alias with a $ref.' },
  'spec/lone-surrogate': { meaning: 'Strings in the spec hold lone UTF-16 surrogates, which no request can carry; they are read as U+FFFD.', fix: 'Fix the \\uD800-\\uDFFF escapes in the spec.' },
  'spec/x-perfplan-invalid': { meaning: 'An x-perfplan extension in the spec has keys or values perfplan does not accept.', fix: 'x-perfplan takes skip, weight, category, profile and slo, as the message lists.' },

  // ---- the spec: $refs -------------------------------------------------------------------
  'spec/ref-outside-folder': { meaning: "A $ref points outside the spec's folder and was not read (allowExternalRefs is off).", fix: 'Move the file into the spec folder tree, or set `allowExternalRefs: true` if you trust the spec.' },
  'spec/ref-remote-refused': { meaning: 'A $ref is a remote URL and was not fetched (allowRemoteRefs is off); the value is treated as empty.', fix: 'Download the file beside the spec and use a relative $ref, or set `allowRemoteRefs: true` if you trust the server.' },
  'spec/ref-file-not-found': { meaning: 'A $ref points to a file that does not exist; the value is treated as empty.', fix: 'Fix the relative path of the $ref (relative to the file that contains it).' },
  'spec/ref-unresolved': { meaning: 'A $ref points to nothing in its document; the value is treated as empty.', fix: 'Fix the JSON pointer so that it names an existing component.' },
  'spec/ref-schema-id-unsupported': { meaning: 'A $ref names a schema by $id or $anchor, which perfplan cannot follow; the schema is treated as unknown.', fix: 'Use a JSON pointer, e.g. #/components/schemas/Name.' },
  'spec/ref-unsupported-scheme': { meaning: 'A $ref uses a URL scheme perfplan cannot read; the value is treated as empty.', fix: 'Use a relative file path or a local JSON pointer.' },
  'spec/ref-cycle': { meaning: 'A $ref leads back to itself; it is skipped.', fix: 'Break the $ref cycle.' },
  'spec/ref-in-literal-value': { meaning: 'A $ref inside an example, default, enum or const value: not followed, and the value dropped.', fix: 'Write the literal value out, or move the $ref to a schema.' },
  'spec/ref-hidden-path': { meaning: 'A $ref points to a dot-file or into a dot-folder, which perfplan never reads.', fix: 'Keep referenced documents out of dot-files and dot-folders, or write the value inline.' },
  'spec/ref-not-spec-document': { meaning: 'A $ref points to a file that is not .json, .yaml or .yml, which perfplan never reads.', fix: 'Give the referenced document a .json, .yaml or .yml name, or write the value inline.' },
  'spec/ref-not-regular-file': { meaning: 'A $ref points to a folder, FIFO, device or socket, which perfplan never reads.', fix: 'Point the $ref at a regular spec document.' },
  'spec/external-file-error': { meaning: 'A file a $ref points to could not be read or parsed; the value is treated as empty.', fix: 'Fix the referenced file as the message says.' },
  'spec/external-file-read': { meaning: 'Information: a file a $ref points to was read (PLAN.md lists every one).', fix: 'Nothing to do; check the list when the spec comes from someone else.' },

  // ---- the spec: its content -------------------------------------------------------------
  'spec/missing-paths': { meaning: 'The spec has no `paths` object: there are no operations to test.', fix: 'Add the API operations under `paths`.' },
  'spec/missing-info': { meaning: 'The spec has no `info` object; title and version are left empty.', fix: 'Add `info: { title, version }`.' },
  'spec/invalid-object': { meaning: 'A part of the spec is not the object or array OpenAPI requires there; it is ignored.', fix: 'Fix the spec at the pointer the message gives.' },
  'spec/invalid-parameter': { meaning: 'A parameter has no name or no valid `in`; it is skipped.', fix: 'Give the parameter a name and a location (path, query, header, cookie).' },
  'spec/invalid-server': { meaning: 'A server entry is malformed; it is ignored.', fix: 'Fix `servers` (an array of { url }) at the pointer the message gives.' },
  'spec/server-scheme-assumed': { meaning: 'A Swagger 2.0 spec has a host but no schemes; https is assumed.', fix: 'Add `schemes: [https]` (or http) to the spec.' },
  'spec/invalid-security-scheme': { meaning: 'A security scheme is malformed or of an unknown type; it is skipped.', fix: 'Fix the scheme at the pointer the message gives.' },
  'spec/invalid-security-requirement': { meaning: 'A `security` requirement is malformed; it is ignored.', fix: 'Make `security` an array of requirement objects.' },
  'spec/duplicate-operation-id': { meaning: 'Several operations share an operationId; the later ones get numbered ids.', fix: 'Give every operation a unique operationId.' },
  'spec/invalid-operation-id': { meaning: 'An operationId is not a non-empty string; an id is derived from method and path.', fix: 'Give the operation a unique string operationId.' },
  'spec/path-key-fragment': { meaning: 'A path key carries a `#fragment` (used to tell apart operations on one URL); the fragment is not sent.', fix: 'Nothing to do; to silence it, give each operation a path without a fragment.' },
  'spec/path-key-query': { meaning: 'A path key carries a literal `?query`; it is sent as the request\'s query, before the operation\'s query parameters.', fix: 'Declare the query as parameters of the operation (with an enum or example) instead of in the path key.' },
  'spec/path-key-placeholder': { meaning: 'A path key has a `:name` or `<name>` placeholder: filled from a declared path parameter of that name, otherwise sent as literal text.', fix: 'Write the placeholder as an OpenAPI template `{name}` and declare the path parameter.' },
  'spec/path-key-ambiguous': { meaning: 'A path key leaves the URL open: operations share one URL once fragments are dropped, or a literal query repeats a declared parameter.', fix: 'Give each operation its own path, or drop the repeated query from the key.' },

  // ---- analysis, planning and request data -----------------------------------------------
  'analysis/link-unknown-operation': { meaning: 'An OpenAPI link points to an operation the spec does not have; it is ignored.', fix: "Fix the link's operationId or operationRef." },
  'analysis/link-pointer-missing': { meaning: 'An OpenAPI link reads a response value the response schema does not have; the value is not carried.', fix: 'Fix the runtime expression of the link, or add the property to the response schema.' },
  'analysis/link-pointer-adjusted': { meaning: "An OpenAPI link reads a value of an array response; it is read from the array's first item.", fix: 'Write the link expression with the item index ($response.body#/0/...) to say so.' },
  'plan/no-operations': { meaning: 'The spec has no operations, so the plan has no test cases.', fix: "Point perfplan at the document that defines the API's paths." },
  'plan/no-test-cases': { meaning: 'The selected operations or test types leave the plan without test cases.', fix: 'Remove x-perfplan skip from operations to test, or ask for test types this spec gives.' },
  'plan/empty': { meaning: 'Nothing is left to test: the filters keep no operation, or the strategies planned nothing.', fix: 'Widen include or narrow exclude; check "perfplan plugins" for strategies that replaced the built-in ones.' },
  'plan/webhooks-only': { meaning: 'The spec describes webhooks (calls the API makes to its subscribers) and no operation to call, so the plan has no test cases; not a mistake.', fix: 'Nothing to do; point perfplan at a document with `paths` to test the API itself.' },
  'plan/unknown-profile': { meaning: 'x-perfplan of an operation names a profile strategy that is not registered; the category\'s strategy is used.', fix: 'Name a registered strategy, or add the plugin that registers it.' },
  'data/example-invalid': { meaning: 'An example in the spec does not match its schema.', fix: 'perfplan ignores this example and synthesizes a value from the schema; correct the example so it matches its schema.' },
  'data/unresolved-ref': { meaning: 'A schema $ref could not be resolved while building a request value.', fix: 'perfplan sends `{}` here; make the $ref a local JSON pointer (#/components/schemas/Name) that exists.' },
  'data/unsatisfiable-schema': { meaning: 'perfplan found no value that satisfies the schema (contradicting constraints, or branches it cannot combine).', fix: 'perfplan found no value for this schema. An optional value is left out; a required one is sent as the closest value it found (parts it cannot build left out), or a placeholder when it found none, and a request body without a valid value is planned as known-unsupported (sent, but expected to be refused; the reason says what is sent). Correct the schema or add a valid `example` to it.' },
  'data/pattern-unchecked': { meaning: 'A `pattern` uses lookahead or a backreference, which perfplan cannot run in bounded time.', fix: 'perfplan runs spec patterns with a linear-time engine (RE2), which has no lookahead or backreferences; values generated for this schema are not checked against the pattern. Rewrite the pattern without them, or add a valid `example` to the schema.' },
  'data/no-finite-instance': { meaning: 'Every value of the schema nests itself forever.', fix: 'every value of this schema nests itself forever (a required recursive property); make the recursion optional or add an example.' },
  'data/ref-cycle': { meaning: 'A chain of schema $refs only points at itself.', fix: 'perfplan sends `{}` here; make the $ref chain end at a schema (a chain of $refs that only point at each other describes nothing).' },
  'data/size-limit': { meaning: 'A value the schema asks for is larger than a synthesis limit.', fix: 'perfplan leaves an optional value out; a required one makes the request known-unsupported (sent, but expected to be refused). Lower the constraint, add an `example`, or raise the limit named in the message.' },
  'data/schema-too-complex': { meaning: 'Too many combinations of oneOf/anyOf/allOf branches to try for one value.', fix: 'perfplan stopped trying combinations of oneOf/anyOf/allOf branches for this value; add an `example` to the schema.' },
  'data/one-of-ambiguous': { meaning: 'No value was found that matches exactly one oneOf branch (or any anyOf branch).', fix: 'perfplan found no value that matches exactly one `oneOf` branch (or any `anyOf` branch) and sends the first value it built; add an example or make the branches distinguishable.' },
  'data/hidden-property-in-choice': { meaning: 'The value sent is valid under OpenAPI\'s reading (readOnly properties are not required in requests), but a validator that keeps requirements inside oneOf/anyOf branches refuses it.', fix: 'perfplan sends a value OpenAPI accepts (readOnly properties are not required in requests, writeOnly ones not in responses), which a validator that keeps those requirements inside oneOf/anyOf branches (Prism 5 does) refuses; declare readOnly/writeOnly properties outside the branches, or add a valid request example.' },
  'data/body-format': { meaning: 'A request body\'s media type has a grammar of its own (JSON Patch, JWT, text, NDJSON, CBOR), so the spec\'s example or the schema\'s value is sent in that format.', fix: 'perfplan sends a value of the media type\'s own format instead (a JSON Patch, a JWT, text, ...); give the media type an example of that format that matches the schema.' },
  'data/unsafe-parameter-value': { meaning: 'A parameter value holds characters a URL segment or HTTP header cannot carry.', fix: 'perfplan replaced characters a URL segment or HTTP header cannot carry; add a suitable example to the parameter.' },
  'data/no-supported-auth': { meaning: "None of an operation's security alternatives uses a scheme perfplan can satisfy.", fix: 'perfplan sends this request without credentials; add a security alternative using http basic/bearer, apiKey, oauth2 or openIdConnect.' },
  'data/lone-surrogate': { meaning: 'A request value holds a lone UTF-16 surrogate, which no request can carry; it is sent as U+FFFD.', fix: 'Fix the example in the spec.' },

  // ---- output and templates --------------------------------------------------------------
  'output/unsafe-dir': { meaning: 'The output folder is the filesystem root, the home folder, or the current folder or one above it, which perfplan must not replace as a whole.', fix: 'Pass a dedicated folder with --output.' },
  'output/holds-input': { meaning: 'The output folder holds the spec or the config, which replacing it would delete.', fix: 'Pass an output folder beside them, not around them.' },
  'output/is-a-file': { meaning: 'The output path is a file, not a folder.', fix: 'Pass a folder path with --output, or move the file away.' },
  'output/not-ours': { meaning: 'The output folder is not empty and was not written by perfplan.', fix: 'Pass another --output folder, or --force to replace it.' },
  'output/unknown-files': { meaning: 'The output folder holds files perfplan did not write, which replacing it would delete.', fix: 'Move those files away, pass another --output folder, or pass --force.' },
  'output/busy': { meaning: 'The output folder is already being written by this process.', fix: 'Wait for the first write to finish.' },
  'output/write-failed': { meaning: 'Writing the output folder failed (permissions, a full disk); the previous output is kept.', fix: 'Check that the folder and its parent are writable and the disk has space, then run again.' },
  'output/unsafe-path': { meaning: 'A renderer produced an output path that is absolute, leaves the folder or is not portable (a renderer bug).', fix: 'Fix the renderer to return relative paths of portable names separated by "/".' },
  'output/bad-contents': { meaning: 'A renderer produced a file whose contents are not a string (a renderer bug).', fix: 'Fix the renderer so that every file has string contents.' },
  'output/reserved-path': { meaning: "A renderer produced a file with the name of perfplan's output marker.", fix: 'Rename the file in the renderer.' },
  'output/duplicate-path': { meaning: 'Two renderers (or one, twice) produced the same output file.', fix: 'Give each renderer its own folder or file names, or disable one of them.' },
  'output/path-conflict': { meaning: 'One output path is both a file and the folder of another file.', fix: 'Rename one of the two files in its renderer.' },
  'output/case-collision': { meaning: 'Two output paths differ only in case and would overwrite each other on macOS and Windows.', fix: 'Make the names differ by more than case in the renderers.' },
  'template/not-found': { meaning: "A renderer asked for a template that is not in its templates folder.", fix: 'Add the template, or fix its name in the renderer.' },
  'template/unsafe-name': { meaning: 'A template name leaves the templates folder (.., an absolute path, a symlink out).', fix: 'Name templates by their path inside the templates folder.' },
  'template/invalid': { meaning: 'A template does not compile.', fix: 'Fix the template syntax (every <% needs its %>, the code inside must be valid JavaScript).' },
  'template/escaped-output': { meaning: 'A template prints with "<%=", which HTML-escapes values into generated code.', fix: 'Print with "<%-" a value the view model has already escaped for the target language.' },
  'template/render-failed': { meaning: 'A template threw while it was rendered.', fix: 'Pass every value the template reads in the view model; templates only loop and print.' },

  // ---- evaluate --------------------------------------------------------------------------
  'evaluate/unknown-engine': { meaning: 'No result reader is registered for the --engine given.', fix: 'Use an engine perfplan evaluate reads ("perfplan plugins" lists them), or add a plugin that reads its results.' },
  'evaluate/bad-time-scale': { meaning: '--time-scale is not a positive number.', fix: 'Pass the time scale the run used, or leave it out.' },
  'evaluate/plan-unreadable': { meaning: 'The plan file cannot be read or is not JSON.', fix: 'Pass the plan.json perfplan generate wrote: --plan OUT/plan.json.' },
  'evaluate/not-a-plan': { meaning: 'The file given with --plan is not a perfplan plan.json.', fix: 'Pass the plan.json perfplan generate wrote: --plan OUT/plan.json.' },
  'evaluate/no-results': { meaning: 'The results file does not exist.', fix: "Pass the file the engine wrote (the message says which, for the engine's reader)." },
  'evaluate/bad-results': { meaning: "The results file is not what the engine's reader reads (wrong format, a line it cannot parse).", fix: 'Pass the results file as the engine wrote it, in the format the message names.' },
  'evaluate/reader-failed': { meaning: 'A result reader threw, or returned samples of the wrong shape (a reader bug).', fix: "Check the results file is the engine's; if it is, report it to the reader's author." },
  'evaluate/no-test-case': { meaning: 'No request in the results belongs to a test case of the plan.', fix: 'Evaluate results of scripts generated from this plan.' },

  // ---- first-party renderers -------------------------------------------------------------
  'k6/request-incomplete': { meaning: 'k6: a request cannot be sent as planned (a header with an invalid name left out, a path parameter without a value, an auth scheme the plan lacks); the message says what.', fix: 'Fix the parameter or security scheme in the spec, or accept the request as it is sent.' },
  'k6/unknown-workflow': { meaning: 'k6: a workflow test case names a workflow the plan does not have; its targets run in order.', fix: 'A plan built outside perfplan: add the workflow to plan.workflows.' },
  'k6/unknown-operation': { meaning: 'k6: a test case targets an operation with no request in the plan; the target is left out.', fix: 'A plan built outside perfplan: add the request, or remove the target.' },
  'k6/empty-test-case': { meaning: 'k6: a test case has no operation to call and is not rendered.', fix: 'Give the test case targets with requests in the plan.' },
  'k6/workflow-step': { meaning: 'k6: a workflow step extracts or injects a value in a way k6 cannot (the step fails, or the value is not sent); the message says what.', fix: 'Fix the workflow (or the link it came from) as the message says.' },
  'locust/request-incomplete': { meaning: 'Locust: a request cannot be sent as planned (a header with an invalid name left out, a path parameter without a value, an auth scheme the plan lacks); the message says what.', fix: 'Fix the parameter or security scheme in the spec, or accept the request as it is sent.' },
  'locust/unknown-workflow': { meaning: 'Locust: a workflow test case names a workflow the plan does not have; its targets run as weighted tasks.', fix: 'A plan built outside perfplan: add the workflow to plan.workflows.' },
  'locust/unknown-operation': { meaning: 'Locust: a test case targets an operation with no request in the plan; the target is left out.', fix: 'A plan built outside perfplan: add the request, or remove the target.' },
  'locust/empty-test-case': { meaning: 'Locust: a test case has no operation to call, or appears twice, and is not rendered.', fix: 'Give the test case targets with requests in the plan, and a unique id.' },
  'locust/workflow-step': { meaning: 'Locust: a workflow step has no request, or extracts or injects a value the Locust runtime cannot; the message says what.', fix: 'Fix the workflow (or the link it came from) as the message says.' },
  'jmeter/test-case': { meaning: 'JMeter: part of a test case cannot be rendered as planned (an unknown workflow or operation, a step value it cannot carry); the message says what.', fix: 'Fix the plan or the spec as the message says.' },
  'jmeter/xml-unrepresentable': { meaning: 'JMeter: values hold characters XML 1.0 cannot carry; they were replaced by U+FFFD.', fix: 'Remove control characters from the examples in the spec.' },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** The catalog entry of a code, or undefined for a code perfplan does not give (a third-party plugin's). */
export function describeCode(code: string): (CodeInfo & { code: ErrorCode }) | undefined {
  return Object.hasOwn(ERROR_CATALOG, code) ? { code: code as ErrorCode, ...ERROR_CATALOG[code as ErrorCode] } : undefined;
}
