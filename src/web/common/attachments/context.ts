import { createContext } from 'preact';
import type { FileEndpoints } from './endpoints';

/** Set around a conversation's messages: where this side fetches their files. */
export const FileEndpointsContext = createContext<FileEndpoints | null>(null);
