/** GET /api/auth/me: who is signed in. 200 `{ user }`, 401 without a live session. */
import { toUserDto } from '../../shared/auth/user-dto';
import { newFunction } from '../../shared/http/define-function';
import { requireSession } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { UserResponse } from '../../shared/schemas/auth';

const app = newFunction().get('/auth/me', describe({ summary: 'Who is signed in', operationId: 'getCurrentUser', responses: { 200: UserResponse } }), requireSession(), (c) => c.json({ user: toUserDto(c.var.user) }));

export default app;
