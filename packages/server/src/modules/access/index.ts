// Who is asking, as the access policy (core's access/) sees them: roles, home department, positions held.
// The module's public face: what other modules and the app may use.
export { subjectOf } from './subject.ts';
