import type { Role } from '@app/domain';

/** Who is calling, as the account stands now (read at each request, not taken from the token). */
export interface Principal {
  id: number;
  username: string;
  role: Role;
  /** The area subtree the user may see and act in; null: everywhere (national administrator). */
  scopeAreaId: number | null;
  scopeAreaCode: string | null;
}

/** What a token carries: the account and the version of its credentials it was issued at. */
export interface TokenClaims {
  /** The account's id, as JWT subjects are strings. */
  sub: string;
  ver: number;
}
