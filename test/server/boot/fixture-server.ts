/** Stands in for src/server/main.ts in the launcher's tests: says where an error was thrown, as its stack shows it. */
function throwHere(): never {
  throw new Error('thrown on line 3');
}

try {
  throwHere();
} catch (error) {
  console.log((error as Error).stack);
}

export const ready = Promise.resolve();
