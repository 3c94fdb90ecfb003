/**
 * POST /api/auth/mfa/setup: a new TOTP secret for the signed-in user's authenticator app, as text, as an
 * `otpauth://` URL and as a QR code (SVG). The secret is kept encrypted as *pending* until a code from the
 * app confirms it (POST /api/auth/mfa/enable); a second setup replaces a pending one. 409 when the user
 * has MFA on already (turn it off first).
 */
import { sealSecret } from '../../shared/auth/secret-box';
import { newTotpSecret, otpauthUrl } from '../../shared/auth/totp';
import { loadFactor } from '../../shared/auth/mfa';
import { writeAudit } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { conflict } from '../../shared/http/errors';
import { requireSession } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { MfaSetupResponse } from '../../shared/schemas/auth';
import { renderSVG } from 'uqr';

const app = newFunction().post(
  '/auth/mfa/setup',
  describe({
    summary: 'Start setting up two-step sign-in',
    operationId: 'setupMfa',
    responses: { 200: MfaSetupResponse },
    errors: { 409: 'mfa_enabled: two-step sign-in is on already' },
    needs: ['database'],
  }),
  requireSession(),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const me = c.var.user;
    const now = clock();
    const existing = await loadFactor(db, me.id);
    if (existing?.enabled_at) throw conflict('mfa_enabled', 'Two-step sign-in is on already. Turn it off first to set up a new authenticator.');
    const secret = newTotpSecret();
    const sealed = await sealSecret(config.secretKey, me.id, secret);
    const at = now.toISOString();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('mfa_factors')
        .values({ user_id: me.id, secret: null, pending_secret: sealed, enabled_at: null, last_used_step: null, created_at: at, updated_at: at })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ pending_secret: sealed, updated_at: at }))
        .execute();
      await writeAudit(trx, { at: now, actorId: me.id, actorRole: me.role, action: 'mfa_setup', entity: 'user', entityId: me.id, ...requestSource(c) });
    });
    const url = otpauthUrl(secret, me.email, config.hospitalName);
    return c.json({ secret, otpauthUrl: url, qrSvg: renderSVG(url) }, 200);
  },
);

export default app;
