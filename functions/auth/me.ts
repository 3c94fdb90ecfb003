/** GET /api/auth/me: who is signed in, and whether their second factor is on. 200 `{ user, mfaEnabled }`, 401 without a live session. */
import { toUserDto } from '../../shared/auth/user-dto';
import { newFunction } from '../../shared/http/define-function';
import { requireSession } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { MeResponse } from '../../shared/schemas/auth';

const app = newFunction().get('/auth/me', describe({ summary: 'Who is signed in', operationId: 'getCurrentUser', responses: { 200: MeResponse } }), requireSession(), (c) =>
  c.json({ user: toUserDto(c.var.user), mfaEnabled: c.var.user.mfaEnabled === true }),
);

export default app;
