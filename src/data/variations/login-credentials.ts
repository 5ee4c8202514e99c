import type { EnvironmentVariable, OperationAnalysis, OperationModel } from '../../model/index.js';
import { credentialEnv, isSecretCredential, type CredentialKind } from './field-roles.js';

const LOGIN_INDICATORS = new Set(['login', 'auth', 'token', 'session']);
const NOT_LOGIN = /regist|sign[-_ ]?up|log[-_ ]?out|sign[-_ ]?out|refresh|revoke/i;
const SIGN_IN = /(^|[^a-z])(sign[-_ ]?in|log[-_ ]?in)([^a-z]|$)|signIn|logIn/i;

/**
 * A login, token or sign-in operation: the critical-path analyzer marked it for auth (login,
 * auth, token, session), or its path or operationId says sign-in; registrations, logouts and
 * token refreshes are not logins.
 */
export function isLoginOperation(operation: OperationModel, analysis: OperationAnalysis | undefined): boolean {
  const text = `${operation.path} ${operation.id}`;
  if (NOT_LOGIN.test(text)) return false;
  const indicator = analysis?.critical?.indicator.toLowerCase();
  return (indicator !== undefined && LOGIN_INDICATORS.has(indicator)) || SIGN_IN.test(text);
}

const DESCRIPTIONS: Record<CredentialKind, string> = {
  username: 'User name',
  email: 'Email address',
  password: 'Password',
  otp: 'One-time code',
  secret: 'Secret',
};

/**
 * The environment variables login operations read their credentials from: one per kind
 * (LOGIN_USERNAME, LOGIN_PASSWORD, ...), shared by every login field of that kind. The default
 * (used when the variable is not set) is the first such field's value in the plan.
 */
export class LoginCredentials {
  private readonly byKind = new Map<CredentialKind, { fallback: string; users: string[] }>();

  /** The variable and its default for a field of this kind: the first registered field's value, else this one's. */
  peek(kind: CredentialKind, value: string): { env: string; fallback: string } {
    return { env: credentialEnv(kind), fallback: this.byKind.get(kind)?.fallback ?? value };
  }

  /** Registers a field that sends the credential (its value becomes the default when it is the first). */
  use(kind: CredentialKind, value: string, usedBy: string): void {
    let entry = this.byKind.get(kind);
    if (entry === undefined) {
      entry = { fallback: value, users: [] };
      this.byKind.set(kind, entry);
    }
    if (!entry.users.includes(usedBy)) entry.users.push(usedBy);
  }

  /** The variables, for TestPlan.environment; password-like ones are secrets. */
  environment(): EnvironmentVariable[] {
    return [...this.byKind.entries()].map(([kind, entry]) => ({
      name: credentialEnv(kind),
      description: `${DESCRIPTIONS[kind]} the login operations send (${entry.users.join(', ')}); unset: the spec's example`,
      required: false,
      secret: isSecretCredential(kind),
      default: entry.fallback,
    }));
  }
}
