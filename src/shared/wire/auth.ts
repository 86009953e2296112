/** Staff sign-in and their own password (src/server/auth). */
import * as z from 'zod/mini';

export const loginRequestSchema = z.object({
  email: z.string().check(z.trim(), z.minLength(3), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(1024)),
  newPassword: z.string().check(z.minLength(12), z.maxLength(1024)),
});
