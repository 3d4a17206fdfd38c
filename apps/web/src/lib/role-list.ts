// The role names for forms on the client (the same list as @supervise/core ROLES, which the server checks).
export { ROLES } from '@supervise/core';
