import formbody from '@fastify/formbody';
import type { ApiContext } from '../http/api-options';
import { authenticate } from '../http/auth/authenticate';
import type { HttpApp } from '../http/outbox-routes';
import { registerDashboardRoutes } from './dashboard-routes';
import { registerLoginRoutes } from './login-routes';
import { registerSubmissionPage } from './submission-routes';
import { registerWebAssets } from './web-assets';

/**
 * The pages people open in a browser, server-rendered in Vietnamese (client/web/README.md): the unit's submission
 * page `/nop/:token`, the sign-in `/dang-nhap`, the leaders' dashboard `/theo-doi/…`, and their stylesheet and
 * script under `/tai-nguyen/`. They read what the API reads, with the same sign-in (session cookie or SSO proxy).
 */
export function registerWebRoutes(app: HttpApp, api: ApiContext): void {
  void app.register((scope, _options, done) => {
    void scope.register(formbody);
    scope.addHook('onRequest', authenticate({ db: api.db, trustedProxySecret: api.trustedProxySecret }));
    scope.get('/', (_request, reply) => reply.redirect('/theo-doi', 302));
    registerWebAssets(scope);
    registerSubmissionPage(scope, api);
    registerLoginRoutes(scope);
    registerDashboardRoutes(scope, api);
    done();
  });
}
