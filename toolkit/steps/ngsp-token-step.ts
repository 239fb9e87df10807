import { z } from 'zod';
import { defineStep } from '../step-kind';

/**
 * `ngspToken`: changes the lifetime of platform tokens the NGSP mock issues from now on and/or
 * revokes every token it issued (the gateway's next NGSP call then gets 401). The lifetime
 * is put back when the scenario ends.
 */
export const ngspTokenStep = defineStep({
  kind: 'ngspToken',
  schema: z
    .strictObject({ expiresIn: z.number().int().min(1).max(86_400).optional(), revoke: z.boolean().default(false) })
    .refine((o) => o.expiresIn !== undefined || o.revoke, { message: 'give expiresIn, revoke: true, or both' }),
  describe: (o) =>
    [o.expiresIn !== undefined ? `lifetime ${o.expiresIn} s` : '', o.revoke ? 'revoke all tokens' : ''].filter(Boolean).join(', '),
  async run(o, ctx) {
    if (o.expiresIn !== undefined) {
      const before = (await ctx.mocks.tokenStats()).expiresIn;
      ctx.defer(() => ctx.mocks.setTokenLifetime(before));
      await ctx.mocks.setTokenLifetime(o.expiresIn);
    }
    if (o.revoke) await ctx.mocks.revokeTokens();
    const stats = await ctx.mocks.tokenStats();
    return { detail: `issued so far this scenario: ${stats.issued - ctx.tokensIssuedAtStart}` };
  },
});
