// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface User {
      id: number;
      username: string;
      displayName: string;
      roles: { role: string; brigadeId: string | null; stationId: string | null }[];
    }
    interface Locals {
      user: User | null;
      /** SHA-256 of the session cookie's token, when the session is live. */
      sessionIdHash: string | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
