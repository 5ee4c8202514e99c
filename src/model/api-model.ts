import type { JsonValue, SchemaObject } from './json.js';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export type SpecKind = 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';

export interface ServerVariableModel {
  default: string;
  enum?: string[];
  description?: string;
}

export interface ServerModel {
  url: string;
  description?: string;
  variables: Record<string, ServerVariableModel>;
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ExampleValue {
  /** Name of the entry in an `examples` map, absent for a single `example`. */
  name?: string;
  value: JsonValue;
  /** Where the value is in the file, when it is not `<owner>/example` or `<owner>/examples/<name>` (Swagger 2.0 `x-example`). */
  pointer?: string;
}

export interface ParameterModel {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description?: string;
  deprecated: boolean;
  schema?: SchemaObject;
  /** `example` first, then the entries of `examples` in document order. */
  examples: ExampleValue[];
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  /** A parameter that uses `content` instead of `schema` names its media type here. */
  contentType?: string;
  pointer: string;
  /**
   * Where `schema` is in the spec: `<pointer>/schema`, `<pointer>/content/<type>/schema`, or (Swagger
   * 2.0, whose parameter keywords are its schema) the parameter itself. Absent: `<pointer>/schema`.
   */
  schemaPointer?: string;
}

export interface EncodingModel {
  contentType?: string;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  headers?: Record<string, HeaderModel>;
}

export interface MediaTypeModel {
  mediaType: string;
  schema?: SchemaObject;
  examples: ExampleValue[];
  encoding: Record<string, EncodingModel>;
  pointer: string;
}

export interface RequestBodyModel {
  required: boolean;
  description?: string;
  contents: MediaTypeModel[];
  pointer: string;
}

export interface HeaderModel {
  description?: string;
  required: boolean;
  schema?: SchemaObject;
}

/** An OpenAPI Link Object, kept as written; the dependency analyzer interprets it. */
export interface LinkModel {
  name: string;
  operationId?: string;
  operationRef?: string;
  parameters: Record<string, JsonValue>;
  requestBody?: JsonValue;
  description?: string;
  pointer: string;
}

export interface ResponseModel {
  /** As written in the spec: `200`, `4XX`, `default`. */
  status: string;
  description?: string;
  contents: MediaTypeModel[];
  headers: Record<string, HeaderModel>;
  links: LinkModel[];
  pointer: string;
}

/** One alternative of a security requirement: scheme name → scopes. An empty object means "no auth". */
export type SecurityRequirement = Record<string, string[]>;

export interface OAuthFlowModel {
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes: Record<string, string>;
}

export type SecuritySchemeModel =
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; description?: string }
  | {
      type: 'oauth2';
      flows: Partial<Record<'implicit' | 'password' | 'clientCredentials' | 'authorizationCode', OAuthFlowModel>>;
      description?: string;
    }
  | { type: 'openIdConnect'; openIdConnectUrl: string; description?: string }
  | { type: 'mutualTLS'; description?: string };

export interface OperationModel {
  /** The operationId, or a stable id derived from method and path when the spec has none. */
  id: string;
  /** True when `id` was derived rather than taken from the spec. */
  idDerived: boolean;
  method: HttpMethod;
  /** The path template as written under `paths` (without the server's base path). */
  path: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated: boolean;
  /** Path-item and operation parameters merged, operation-level winning. */
  parameters: ParameterModel[];
  requestBody?: RequestBodyModel;
  responses: ResponseModel[];
  /** Operation-level security; undefined means the API's global `security` applies. */
  security?: SecurityRequirement[];
  /** Operation- or path-level servers, when they override the API's. */
  servers?: ServerModel[];
  /** Every `x-` extension of the operation, e.g. `x-perfplan`. */
  extensions: Record<string, JsonValue>;
  /** JSON pointer of the operation in the (bundled) document, e.g. `#/paths/~1pets/get`. */
  pointer: string;
}

/**
 * The engine-neutral description of an API that every analyzer sees, whatever the
 * spec version. Schemas keep their `$ref`s; `document` is what they point into.
 */
export interface ApiModel {
  kind: SpecKind;
  /** The version string as written (`2.0`, `3.0.3`, `3.1.0`). */
  specVersion: string;
  /** Path of the root spec file as given by the user. */
  sourceFile: string;
  title: string;
  version: string;
  description?: string;
  servers: ServerModel[];
  operations: OperationModel[];
  securitySchemes: Record<string, SecuritySchemeModel>;
  /** Global security requirement alternatives. */
  security: SecurityRequirement[];
  webhookCount: number;
  /** The whole document after external `$ref`s are bundled in; schema `$ref`s resolve against it. */
  document: Record<string, unknown>;
}
