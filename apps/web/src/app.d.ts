// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface User {
      id: number;
      username: string;
      displayName: string;
      roles: { role: string; brigadeId: string | null; stationId: string | null }[];
      /** The previous login and the failed attempts since, shown after login (等保 8.1.4.1). */
      loginNotice: { previousAt: string | null; previousIp: string | null; failuresSince: number } | null;
    }
    /**
     * A session that passed the password but still owes a step before it may use anything: the
     * second factor ('totp'), a password change ('password': first login, reset or maximum age) or
     * TOTP enrolment ('enrol': administrative roles). `locals.user` stays null meanwhile.
     */
    interface PendingLogin {
      userId: number;
      username: string;
      displayName: string;
      step: 'totp' | 'password' | 'enrol';
      roles: User['roles'];
    }
    interface Locals {
      user: User | null;
      pending: PendingLogin | null;
      /** SHA-256 of the session cookie's token, when the session is live. */
      sessionIdHash: string | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
