import type { UserDto } from '../schemas/auth';

/** The public face of a user (API.md `user`): never the hash, never the status. */
export function toUserDto(user: { id: string; role: UserDto['role']; name: string; email: string }): UserDto {
  return { id: user.id, role: user.role, name: user.name, email: user.email };
}
