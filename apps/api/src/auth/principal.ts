import type { Role } from '@app/database';

/** Who is calling, as the token says; carried to services that check scope. */
export interface Principal {
  id: number;
  username: string;
  role: Role;
  /** The area subtree the user may see and act in; null: everywhere (national administrator). */
  scopeAreaId: number | null;
  scopeAreaCode: string | null;
}
