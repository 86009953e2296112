/**
 * Marks a request the staff page makes on its own (a timer's refresh, a reload after a pushed
 * change), not because its person did something: it does not count as use of the session, so an
 * untouched console still reaches the idle timeout. A client can only give up keep-alive with it.
 */
export const BACKGROUND_REFRESH_HEADER = 'x-background-refresh';
