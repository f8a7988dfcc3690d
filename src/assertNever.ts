/** For the default branch of a switch over a tagged union: a new member that is not handled fails to compile. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(x)}`);
}
