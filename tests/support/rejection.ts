/** Runs `action` and answers what it threw; fails the test when it does not throw. */
export async function rejection(action: () => Promise<unknown>): Promise<Error> {
  try {
    await action();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected it to fail');
}
