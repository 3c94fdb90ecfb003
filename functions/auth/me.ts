/** GET /api/auth/me: who is signed in. 200 `{ user }`, 401 without a live session. */
import { toUserDto } from '../../shared/auth/user-dto';
import { newFunction } from '../../shared/http/define-function';
import { requireSession } from '../../shared/http/guards';

const app = newFunction().get('/auth/me', requireSession(), (c) => c.json({ user: toUserDto(c.var.user) }));

export default app;
